package lanes

// OpKind is what an Op does to the DOM.
type OpKind uint8

// The three operations a diff is made of.
const (
	OpCreate OpKind = iota + 1 // create the node and append it to its parent
	OpUpdate                   // the node exists; set whatever differs (it may move to another parent)
	OpRemove                   // remove the node (and, in the DOM, its subtree)
)

func (k OpKind) String() string {
	switch k {
	case OpCreate:
		return "create"
	case OpUpdate:
		return "update"
	case OpRemove:
		return "remove"
	}
	return "unknown"
}

// Op is one change to the drawn layer. A remove carries the node as it was drawn, so the
// applier can tell from Node.Parent whether its parent goes too (then the DOM call is not
// needed; only the applier's bookkeeping is).
type Op struct {
	Kind OpKind
	Node Node
}

// Diff lists the operations that turn the layer drawn from prev into next: removes first,
// children before parents (prev in reverse order), then creates and updates in next's order,
// so parents exist before their children. Identical scenes give no operations. Keys must be
// unique within a scene, as Build's are.
func Diff(prev, next Scene) []Op {
	// Two passes, so that the result is allocated once at its exact size: a frame's diff holds
	// hundreds of nodes, and growing the slice would copy them again and again.
	idx := make(map[string]int, len(prev.Nodes))
	for i := range prev.Nodes {
		idx[prev.Nodes[i].Key] = i
	}
	kept := make([]bool, len(prev.Nodes))
	kinds := make([]OpKind, len(next.Nodes)) // 0: unchanged
	count := 0
	for i := range next.Nodes {
		n := &next.Nodes[i]
		j, ok := idx[n.Key]
		switch {
		case !ok:
			kinds[i] = OpCreate
			count++
		case !equal(&prev.Nodes[j], n):
			kept[j] = true
			kinds[i] = OpUpdate
			count++
		default:
			kept[j] = true
		}
	}
	for _, k := range kept {
		if !k {
			count++
		}
	}
	if count == 0 {
		return nil
	}
	ops := make([]Op, 0, count)
	for j := len(prev.Nodes) - 1; j >= 0; j-- {
		if !kept[j] {
			ops = append(ops, Op{Kind: OpRemove, Node: prev.Nodes[j]})
		}
	}
	for i, k := range kinds {
		if k != 0 {
			ops = append(ops, Op{Kind: k, Node: next.Nodes[i]})
		}
	}
	return ops
}
