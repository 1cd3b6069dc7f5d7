package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine/session"
	"github.com/stretchr/testify/require"
)

// sessionStory is a run with records, a crash and time passing.
const sessionStory = "kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2\n" +
	"kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:\n" +
	"alice:order 1\nbob:order 2\n\n" +
	"broker kill 1\n" +
	"tick 20\n" +
	"consumer add billing-1 --group billing --topic orders\n" +
	"settle\n"

// stateAfter is what `state --json` prints after a script.
func stateAfter(t *testing.T, script string, args ...string) string {
	t.Helper()
	before, _, code := runScript(t, script, args...)
	require.Equal(t, 0, code, before)
	after, _, code := runScript(t, script+"state --json\n", args...)
	require.Equal(t, 0, code)
	require.True(t, strings.HasPrefix(after, before))
	return strings.TrimPrefix(after, before)
}

// Export a session, start from it, and the cluster is exactly as it was: for the JSON file and
// for the script alike.
func TestExportThenImportGivesTheSameState(t *testing.T) {
	want := stateAfter(t, sessionStory, "--seed", "5", "--brokers", "4")
	for _, format := range []string{"json", "script", "link"} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "saved."+format)
			out, errOut, code := runScript(t, sessionStory+"session export --format "+format+" --output "+path+"\n", "--seed", "5", "--brokers", "4")
			require.Equal(t, 0, code, errOut)
			require.True(t, strings.HasSuffix(out, "Exported the session (6 command(s)) as "+format+" to "+path+".\n"), out)

			got, errOut, code := runScript(t, "state --json\n", "--import", path)
			require.Equal(t, 0, code, errOut)
			require.Empty(t, errOut)
			require.Equal(t, want, got)
		})
	}
}

// The session goes on after an import: exporting again has the imported commands and the new
// ones, and what failed is recorded as failed.
func TestImportedSessionGoesOn(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first.json"), filepath.Join(dir, "second.json")
	_, _, code := runScript(t, sessionStory+"session export --format json --output "+first+"\n")
	require.Equal(t, 0, code)
	out, _, code := runScript(t, "broker start 1\nbroker kill 9\nsession export --format=json --output="+second+"\n", "--import", first, "--keep-going")
	require.Equal(t, 1, code, "broker kill 9 fails")
	require.Contains(t, out, "ERROR line 2: broker kill 9: ")

	data, err := os.ReadFile(second)
	require.NoError(t, err)
	f, err := session.DecodeFile(data)
	require.NoError(t, err)
	require.Len(t, f.Commands, 8)
	require.Equal(t, session.Setup{Seed: 1, Brokers: 3, Controllers: 3}, f.Setup)
	require.Equal(t, session.Command{Line: "kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:",
		Input: []string{"alice:order 1", "bob:order 2"}, Source: session.SourceScript, Tick: 0}, f.Commands[1])
	start := f.Commands[6]
	require.Equal(t, "broker start 1", start.Line)
	require.Positive(t, start.Tick, "the time it ran at, after the imported run")
	require.False(t, start.Failed)
	require.Equal(t, session.Command{Line: "broker kill 9", Source: session.SourceScript, Tick: start.Tick, Failed: true}, f.Commands[7])
	_, err = session.Replay(f.Setup, f.Commands)
	require.NoError(t, err)
}

// A link printed by `session export --format link` opens in kafkasim as it is pasted, a whole
// URL or its fragment, and points at the playground's address unless --base-url says another.
func TestExportLinkThenImportIt(t *testing.T) {
	want := stateAfter(t, sessionStory, "--seed", "5")
	out, errOut, code := runScript(t, sessionStory+"session export --format link\n", "--seed", "5")
	require.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	link := lines[len(lines)-1]
	require.True(t, strings.HasPrefix(link, "http://localhost:8080/#session=v1."), link)
	for _, arg := range []string{link, link[strings.Index(link, "#"):]} {
		got, errOut, code := runScript(t, "state --json\n", "--import", arg)
		require.Equal(t, 0, code, errOut)
		require.Equal(t, want, got)
	}

	saved := filepath.Join(t.TempDir(), "link.txt")
	_, errOut, code = runScript(t, sessionStory+"session export --format link --output "+saved+"\n", "--seed", "5")
	require.Equal(t, 0, code, errOut)
	got, errOut, code := runScript(t, "state --json\n", "--import", saved)
	require.Equal(t, 0, code, errOut)
	require.Equal(t, want, got, "a file holding the link")

	out, _, code = runScript(t, "broker kill 1\nsession export --format link --base-url https://kafka.example/play/\n")
	require.Equal(t, 0, code)
	require.Contains(t, out, "https://kafka.example/play/#session=v1.")

	_, errOut, code = runScript(t, "state\n", "--import", "http://localhost:8080/#session=v1.AAAA")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "the link is damaged or cut short: copy the whole link")
}

func TestExportToStandardOutput(t *testing.T) {
	out, _, code := runScript(t, sessionStory+"session export --format markdown\n")
	require.Equal(t, 0, code)
	require.Contains(t, out, "# Kafka playground session\n")
	require.Contains(t, out, "- **0.0s** `kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2`\n")

	out, _, code = runScript(t, "broker kill 2\nsession export --format script\n", "--seed", "3")
	require.Equal(t, 0, code)
	require.Contains(t, out, "\nreset --brokers 3 --controllers 3 --seed 3\n# t=0.0s\nbroker kill 2\n")
	require.NotContains(t, out, "session export", "kafkasim's own command is not recorded")
}

func TestSessionCommandErrors(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"session", "usage: session export --format json|markdown|script|link [--output FILE] [--base-url URL]"},
		{"session import x", "usage: session export --format json|markdown|script|link [--output FILE] [--base-url URL]"},
		{"session export", `Missing required argument "[format]"; usage: session export --format json|markdown|script|link [--output FILE] [--base-url URL]`},
		{"session export --format", "Option format requires an argument"},
		{"session export --format=", "Option format requires an argument"},
		{"session export --format xml", `unknown export format "xml": use json, markdown, script or link`},
		{"session export --format json --format json", "Option format was given more than once"},
		{"session export --format json --base-url http://x/", "Option base-url is only for --format link; usage: session export --format json|markdown|script|link [--output FILE] [--base-url URL]"},
		{"session export --format json --gzip", "gzip is not a recognized option of session export (see: help session)"},
		{"session export --format json out.json", `unexpected argument "out.json"; usage: session export --format json|markdown|script|link [--output FILE] [--base-url URL]`},
		{"session export --format json --output " + filepath.Join(t.TempDir(), "no", "such", "dir.json"), "cannot write the export: open "},
	} {
		t.Run(tc.line, func(t *testing.T) {
			out, errOut, code := runScript(t, tc.line+"\n")
			require.Equal(t, 1, code)
			require.Contains(t, out, "ERROR line 1: "+tc.line+": "+tc.want)
			require.Contains(t, errOut, tc.want)
		})
	}
}

func TestHelpListsSessionExport(t *testing.T) {
	out, _, code := runScript(t, "help\n")
	require.Equal(t, 0, code)
	require.True(t, strings.HasSuffix(out, "Type help COMMAND for its options.\nkafkasim:\n  session                  export the session so far as JSON, Markdown, a script or a link\n"), out)
	out, _, code = runScript(t, "help session\n")
	require.Equal(t, 0, code)
	require.Contains(t, out, "session export --format json ")
	require.Contains(t, out, "--output FILE")
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
		return path
	}
	saved := filepath.Join(dir, "saved.json")
	_, _, code := runScript(t, sessionStory+"session export --format json --output "+saved+"\n")
	require.Equal(t, 0, code)
	data, err := os.ReadFile(saved)
	require.NoError(t, err)

	for _, tc := range []struct{ name, path, want string }{
		{"damaged", write("damaged.json", string(data[:len(data)/2])), "this is not a Kafka playground session file (it is not JSON)"},
		{"newer", write("newer.json", strings.Replace(string(data), `"version": 1`, `"version": 2`, 1)),
			"this session file was made by a newer version of the playground (session format version 2; this playground reads version 1): open it there, or update this one"},
		{"edited", write("edited.json", strings.Replace(string(data), `"line": "broker kill 1"`, `"line": "broker kill 7"`, 1)), "command 3 (broker kill 7): "},
		{"script that fails", write("story.kafka", "reset --seed 2\nbroker kill 1\n\nbroker kill 9\n"), "line 4: broker kill 9: "},
		{"script that does not read", write("quote.kafka", "state 'x\n"), "line 1: cannot read the command: unterminated single quote"},
		{"missing", filepath.Join(dir, "missing.json"), "no such file or directory"},
		{"too big", write("big.kafka", strings.Repeat("#\n", session.MaxFileBytes)), "the file is over 1048576 bytes; a session is at most 1048576 (1 MiB)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runScript(t, "state\n", "--import", tc.path)
			require.Equal(t, 1, code)
			require.Empty(t, out, "nothing runs")
			require.True(t, strings.HasPrefix(errOut, "kafkasim: "+tc.path+": "+tc.want), errOut)
		})
	}

	_, errOut, code := runScript(t, "state\n", "--import", saved, "--seed", "3")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "--seed, --brokers and --controllers cannot be used with it")
}

// A session looked at in the past (from the browser) goes on from that moment, and says so.
func TestImportNotesPositionAndLesson(t *testing.T) {
	p := int64(1)
	f := session.File{Setup: session.Setup{Seed: 1, Brokers: 3, Controllers: 3}, Position: &p,
		Commands: []session.Command{{Line: "broker kill 1"}, {Line: "tick 10", Source: session.SourceClock}},
		Lesson:   &session.LessonMark{Slug: "failover", Passed: []bool{false}, Answers: []int{-1}}}
	data, err := session.EncodeFile(f)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "browser.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	out, errOut, code := runScript(t, "state\n", "--import", path)
	require.Equal(t, 0, code)
	require.Contains(t, out, "time 0.0s (tick 0)", "at step 1: broker 1 killed, no tick run")
	require.Contains(t, out, "brokers: 1 crashed (not yet fenced)")
	require.Equal(t, "kafkasim: "+path+": the session was being looked at step 1 of 11; the terminal goes on from there, without the 10 step(s) after it (export it at its end to keep them)\n"+
		"kafkasim: "+path+": lesson \"failover\" is not reopened here (kafkasim lesson runs lessons)\n", errOut)
}

func TestCompletionOfSessionExport(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"ses", "session "},
		{"session ", "session export "},
		{"session ex", "session export "},
		{"session export --f", "session export --format "},
		{"session export --format ", "session export --format "},
		{"session export --format m", "session export --format markdown "},
		{"session export --format json --o", "session export --format json --output "},
	} {
		line, pos, ok := complete(tc.line, len(tc.line), '\t')
		require.True(t, ok, tc.line)
		require.Equal(t, tc.want, line, tc.line)
		require.Equal(t, len(line), pos)
	}
	_, _, ok := complete("session export --output ", 24, '\t')
	require.False(t, ok, "file names are the terminal's business")
}
