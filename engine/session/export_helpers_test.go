package session

import (
	"testing"

	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

// recorder runs real commands on a shell and logs them as the terminal does: the session the
// export tests save, share and read back.
type recorder struct {
	t  testing.TB
	sh *cli.Shell
	f  File
}

func newRecorder(t testing.TB, setup Setup) *recorder {
	t.Helper()
	sh, err := Replay(setup, nil)
	require.NoError(t, err)
	return &recorder{t: t, sh: sh, f: File{Format: Format, Version: Version, Setup: setup}}
}

// run runs a command line and logs it; wantErr says whether it is meant to fail.
func (r *recorder) run(wantErr bool, line string, input ...string) {
	r.t.Helper()
	before := r.sh.Sim().Now()
	res := r.sh.Exec(line, input)
	require.Equal(r.t, wantErr, res.Err != nil, "%s: %v", line, res.Err)
	if len(input) == 0 {
		input = nil
	}
	r.f.Commands = append(r.f.Commands, Command{Line: line, Input: input, Source: SourceConsole, Tick: before, Failed: res.Err != nil})
}

// clock moves time on as the browser's play button does.
func (r *recorder) clock(n int64) {
	r.t.Helper()
	before := r.sh.Sim().Now()
	require.NoError(r.t, r.sh.Exec(ClockLine(n), nil).Err)
	r.f.Commands = append(r.f.Commands, Command{Line: ClockLine(n), Source: SourceClock, Tick: before})
}

// stateJSON is what `state --json` prints: the whole observable state.
func stateJSON(t testing.TB, sh *cli.Shell) string {
	t.Helper()
	res := sh.Exec("state --json", nil)
	require.NoError(t, res.Err)
	return res.Output
}

// story is a session with everything an export must carry: a topic, keyed records from a
// console producer, a command that failed, a crash, the clock, a consumer group and a record
// with Markdown and HTML in it.
func story(t testing.TB) *recorder {
	t.Helper()
	r := newRecorder(t, Setup{Seed: 7, Brokers: 3, Controllers: 3})
	r.run(false, "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2")
	r.run(false, "kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:",
		"alice:order 1", "bob:order *2* <b>&amp;</b>", "carol:`tick`")
	r.run(true, "kafka-topics.sh --create --topic orders")
	r.clock(5)
	r.run(false, "broker kill 1")
	r.clock(30)
	r.clock(70)
	r.run(false, "consumer add billing-1 --group billing --topic orders")
	r.run(false, "kafka-console-producer.sh --topic orders", "late")
	r.clock(40)
	r.run(false, "state")
	return r
}
