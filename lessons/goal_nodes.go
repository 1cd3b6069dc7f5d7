package lessons

import (
	"fmt"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

var brokerStates = []string{"up", "stopped", "crashed", "isolated", "fenced"}

// brokerSubject counts leaders, replicas and bytes over the topics the learner made, leaving
// out internal ones (__consumer_offsets): its fifty partitions would otherwise swamp every
// count the moment a group first commits.
var brokerSubject = &subjectSpec{
	key: "broker", arg: argInt,
	describe: func(l *leaf) string { return "broker " + l.name },
	ops: map[string]*opSpec{
		"exists": {arg: argBool,
			eval: func(st State, l *leaf, v value) (bool, string) {
				_, ok := st.View.Broker(l.id)
				return ok == v.b, existsText(ok)
			},
			describe: boolPhrase("exists", "does not exist")},
		"state": {arg: argEnum, enum: brokerStates,
			eval: brokerEval(func(b engine.BrokerView, _ brokerLoad, v value) (bool, string) {
				return b.State == v.s, "state " + b.State
			}),
			describe: func(_ *leaf, v value) string { return "is " + v.s }},
		"slow": {arg: argBool,
			eval: brokerEval(func(b engine.BrokerView, _ brokerLoad, v value) (bool, string) {
				if b.Slow {
					return v.b, "slow"
				}
				return !v.b, "not slow"
			}),
			describe: boolPhrase("is slow", "is not slow")},
		"leaders": {arg: argInt,
			eval: brokerEval(func(_ engine.BrokerView, n brokerLoad, v value) (bool, string) {
				return int64(n.leaders) == v.i, n.leadersText()
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("leads %d partition(s)", v.i) }},
		"leaders_at_least": {arg: argInt,
			eval: brokerEval(func(_ engine.BrokerView, n brokerLoad, v value) (bool, string) {
				return int64(n.leaders) >= v.i, n.leadersText()
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("leads at least %d partition(s)", v.i) }},
		"replicas": {arg: argInt,
			eval: brokerEval(func(_ engine.BrokerView, n brokerLoad, v value) (bool, string) {
				return int64(n.replicas) == v.i, n.replicasText()
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("holds %d replica(s)", v.i) }},
		"replicas_at_least": {arg: argInt,
			eval: brokerEval(func(_ engine.BrokerView, n brokerLoad, v value) (bool, string) {
				return int64(n.replicas) >= v.i, n.replicasText()
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("holds at least %d replica(s)", v.i) }},
		"bytes_at_least": {arg: argInt,
			eval: brokerEval(func(_ engine.BrokerView, n brokerLoad, v value) (bool, string) {
				return n.bytes >= v.i, fmt.Sprintf("%d byte(s) stored", n.bytes)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("stores at least %d byte(s)", v.i) }},
		"bytes_at_most": {arg: argInt,
			eval: brokerEval(func(_ engine.BrokerView, n brokerLoad, v value) (bool, string) {
				return n.bytes <= v.i, fmt.Sprintf("%d byte(s) stored", n.bytes)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("stores at most %d byte(s)", v.i) }},
	},
}

// brokerLoad is what one broker holds of the non-internal topics.
type brokerLoad struct {
	leaders, replicas int
	bytes             int64
}

func (n brokerLoad) leadersText() string { return fmt.Sprintf("leads %d partition(s)", n.leaders) }
func (n brokerLoad) replicasText() string {
	return fmt.Sprintf("holds %d replica(s)", n.replicas)
}

func loadOf(v engine.View, id int32) brokerLoad {
	var n brokerLoad
	for _, t := range v.Topics {
		if strings.HasPrefix(t.Name, "__") {
			continue
		}
		for _, p := range t.Partitions {
			for _, r := range p.ReplicaStates {
				if r.Broker != id {
					continue
				}
				n.replicas++
				if r.IsLeader {
					n.leaders++
				}
				for _, sg := range r.Segments {
					n.bytes += sg.Bytes
				}
			}
		}
	}
	return n
}

func brokerEval(f func(b engine.BrokerView, n brokerLoad, v value) (bool, string)) func(State, *leaf, value) (bool, string) {
	return func(st State, l *leaf, v value) (bool, string) {
		b, ok := st.View.Broker(l.id)
		if !ok {
			return false, "it does not exist"
		}
		return f(b, loadOf(st.View, l.id), v)
	}
}

var controllerStates = []string{"running", "stopped", "crashed"}

var controllerSubject = &subjectSpec{
	key: "controller", arg: argInt,
	describe: func(l *leaf) string { return "controller " + l.name },
	ops: map[string]*opSpec{
		"state": {arg: argEnum, enum: controllerStates,
			eval: controllerEval(func(c engine.ControllerView, v value) (bool, string) {
				return c.Status.String() == v.s, "state " + c.Status.String()
			}),
			describe: func(_ *leaf, v value) string { return "is " + v.s }},
		"active": {arg: argBool,
			eval: controllerEval(func(c engine.ControllerView, v value) (bool, string) {
				if c.Active {
					return v.b, "active"
				}
				return !v.b, "not active"
			}),
			describe: boolPhrase("is the active controller", "is not the active controller")},
	},
}

func controllerEval(f func(c engine.ControllerView, v value) (bool, string)) func(State, *leaf, value) (bool, string) {
	return func(st State, l *leaf, v value) (bool, string) {
		for _, c := range st.View.Controllers {
			if c.ID == l.id {
				return f(c, v)
			}
		}
		return false, "it does not exist"
	}
}
