package assign

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"
)

// TestDataDriven runs the worked examples in testdata/*.txt, the same ones
// the doc comments show and lessons quote. The grammar:
//
//	assign strategy=range|roundrobin|sticky|cooperative-sticky topics=(t0:3, t1:3)
//	C0 t0 t1                      one member per line: id, then topics
//	C1 t0 t1 instance=i1          static member
//	C2 t0 t1 owns=(t0-0 t1-1) gen=1
//	C3 t0 t1 owns=prev            what the previous assign gave C3
//	----
//	C0: [...]                     Plan.String(); cooperative-sticky adds
//	withheld: [...]               the withheld partitions
//
// owns= defaults the generation to 1. Rewrite goldens with
// go test ./engine/assign -run TestDataDriven -rewrite.
func TestDataDriven(t *testing.T) {
	datadriven.Walk(t, "testdata", func(t *testing.T, path string) {
		var prev Plan
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			if d.Cmd != "assign" {
				d.Fatalf(t, "unknown directive %s", d.Cmd)
			}
			var strategy string
			d.ScanArgs(t, "strategy", &strategy)
			partitions := map[string]int32{}
			topics, _ := d.Arg("topics")
			for _, v := range topics.Vals {
				name, count, ok := strings.Cut(v, ":")
				n, err := strconv.Atoi(count)
				if !ok || err != nil {
					d.Fatalf(t, "bad topic %q, want name:partitions", v)
				}
				partitions[name] = int32(n)
			}
			var members []Member
			for _, line := range strings.Split(strings.TrimSpace(d.Input), "\n") {
				if line = strings.TrimSpace(line); line != "" {
					members = append(members, parseMemberLine(t, d, line, prev))
				}
			}
			var out string
			if strategy == "cooperative-sticky" {
				p, withheld := CooperativeSticky(members, partitions)
				prev = p
				out = p.String() + fmt.Sprintf("withheld: %v\n", withheld)
			} else {
				f, ok := ByName(strategy)
				if !ok {
					d.Fatalf(t, "unknown strategy %q", strategy)
				}
				prev = f(members, partitions)
				out = prev.String()
			}
			return out
		})
	})
}

func parseMemberLine(t *testing.T, d *datadriven.TestData, line string, prev Plan) Member {
	// owns=(a b) may contain spaces: join the parenthesised part first.
	var fields []string
	for rest := line; rest != ""; {
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			break
		}
		end := strings.IndexByte(rest, ' ')
		if i := strings.Index(rest, "=("); i >= 0 && (end < 0 || i < end) {
			end = strings.IndexByte(rest, ')') + 1
		}
		if end <= 0 {
			end = len(rest)
		}
		fields = append(fields, rest[:end])
		rest = rest[end:]
	}
	m := Member{ID: fields[0], Generation: -1}
	genSet := false
	for _, f := range fields[1:] {
		key, val, isArg := strings.Cut(f, "=")
		switch {
		case !isArg:
			m.Topics = append(m.Topics, f)
		case key == "instance":
			m.InstanceID = val
		case key == "gen":
			n, err := strconv.Atoi(val)
			if err != nil {
				d.Fatalf(t, "bad gen in %q", line)
			}
			m.Generation, genSet = int32(n), true
		case key == "owns" && val == "prev":
			m.Owned = prev[m.ID]
		case key == "owns":
			m.Owned = tps(strings.Trim(val, "()"))
		default:
			d.Fatalf(t, "unknown %q in %q", key, line)
		}
	}
	if m.Owned != nil && !genSet {
		m.Generation = 1
	}
	return m
}
