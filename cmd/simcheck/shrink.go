package main

// shrink reduces a failing statement list to a short one that still breaks the same invariant,
// by delta debugging (Zeller's ddmin, complements first): try dropping ever smaller chunks, keep
// any drop after which the failure remains. Setup statements are not special: a topic the
// failure does not need goes too. maxRuns bounds the work, since every try is a whole run.
//
// The liveness phase is not shrunk: it is derived from what the kept statements left broken, so
// a shrunk liveness failure still repairs everything before it waits for convergence. Tries
// run it only when the failure needs it (it came after the safety phase).
func (r *runner) shrink(p plan, stmts []stmt, v *violation, maxRuns int) ([]stmt, int) {
	runs := 0
	opt := runOptions{liveness: v.Stmt < 0 || v.Stmt >= len(stmts)}
	fails := func(c []stmt) bool {
		runs++
		o := r.run(p, c, opt)
		return o.Violation != nil && o.Violation.Invariant == v.Invariant
	}
	cur := stmts
	n := 2
	for len(cur) >= 2 && runs < maxRuns {
		size := (len(cur) + n - 1) / n
		reduced := false
		for start := 0; start < len(cur) && runs < maxRuns; start += size {
			end := min(start+size, len(cur))
			cand := append(append([]stmt(nil), cur[:start]...), cur[end:]...)
			if len(cand) > 0 && fails(cand) {
				cur = cand
				n = max(n-1, 2)
				reduced = true
				break
			}
		}
		if !reduced {
			if n >= len(cur) {
				break
			}
			n = min(2*n, len(cur))
		}
	}
	return cur, runs
}
