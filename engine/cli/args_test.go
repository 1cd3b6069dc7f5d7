package cli

import (
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
)

// Learners paste commands from Kafka's documentation and from shells, so Tokenize has to split
// them the way a POSIX shell would for everything they are likely to type.
func TestTokenize(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       []string
	}{
		{"empty", "", nil},
		{"only blanks", " \t\r\n ", nil},
		{"words", "kafka-topics --list", []string{"kafka-topics", "--list"}},
		{"runs of blanks", "  a \t b\r\nc  ", []string{"a", "b", "c"}},
		{"single quotes keep everything", `'a "b" \c  d'`, []string{`a "b" \c  d`}},
		{"double quotes keep spaces", `"a  b"`, []string{"a  b"}},
		{"escaped quote and backslash in double quotes", `"say \"hi\" \\ there"`, []string{`say "hi" \ there`}},
		{"other backslashes in double quotes stay", `"a\nb\$"`, []string{`a\nb\$`}},
		{"backslash escapes outside quotes", `a\ b \'c\'`, []string{"a b", "'c'"}},
		{"trailing backslash is literal", `abc\`, []string{`abc\`}},
		{"quotes join a word", `it'’s'"  "x --k='v w'`, []string{"it’s  x", "--k=v w"}},
		{"empty quotes are an empty word", `a '' "" b`, []string{"a", "", "", "b"}},
		{"unicode", "--topic 日本 Ωmega", []string{"--topic", "日本", "Ωmega"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Tokenize(tc.line)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestTokenizeErrors(t *testing.T) {
	for line, want := range map[string]string{
		`--topic 'orders`:    "unterminated single quote",
		`--topic "orders`:    "unterminated double quote",
		`--topic "orders\"`:  "unterminated double quote",
		`'a' "b" 'c`:         "unterminated single quote",
		`echo "it's fine" '`: "unterminated single quote",
	} {
		words, err := Tokenize(line)
		require.EqualError(t, err, want, line)
		require.Nil(t, words, line)
	}
}

var testFlags = map[string]flagSpec{
	"topic":  {value: true},
	"config": {value: true, repeat: true},
	"create": {},
}

func TestParseFlags(t *testing.T) {
	f, err := parseFlags("tool", []string{"describe", "--topic=orders", "--create", "--config", "a=1", "--config=b=2",
		"--bootstrap-server", "localhost:9092", "extra"}, testFlags)
	require.NoError(t, err)
	require.Equal(t, []string{"describe", "extra"}, f.args)
	require.True(t, f.has("create"))
	require.False(t, f.has("partitions"))
	require.Equal(t, "orders", f.get("topic"))
	require.Equal(t, []string{"a=1", "b=2"}, f.all("config"))
	require.Equal(t, "", f.get("nosuch"))
	require.True(t, f.has("bootstrap-server"), "--bootstrap-server is accepted by every tool")

	f, err = parseFlags("tool", []string{"--topic="}, testFlags)
	require.NoError(t, err)
	require.True(t, f.has("topic"))
	require.Equal(t, "", f.get("topic"), "--k= is an empty value, not a missing one")
}

func TestParseFlagsErrors(t *testing.T) {
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{[]string{"--topic"}, "Option topic requires an argument"},
		{[]string{"--create", "--config"}, "Option config requires an argument"},
		{[]string{"--nosuch"}, "nosuch is not a recognized option of tool (see: help tool)"},
		{[]string{"--nosuch=1"}, "nosuch is not a recognized option of tool (see: help tool)"},
		{[]string{"--"}, " is not a recognized option of tool (see: help tool)"},
		{[]string{"--create=yes"}, "Option create does not take an argument"},
		{[]string{"--topic", "a", "--topic=b"}, "Option topic was given more than once"},
	} {
		_, err := parseFlags("tool", tc.words, testFlags)
		require.EqualError(t, err, tc.want, "%q", tc.words)
	}
}

func TestKeyValues(t *testing.T) {
	m, err := keyValues("config", []string{"a=1", "b=x=y", "c="})
	require.NoError(t, err)
	require.Equal(t, map[string]string{"a": "1", "b": "x=y", "c": ""}, m)
	for _, bad := range []string{"a", "=1", ""} {
		_, err := keyValues("config", []string{bad})
		require.ErrorContains(t, err, "expected key=value", bad)
	}
}

func TestParseInt(t *testing.T) {
	n, err := parseInt("partitions", "3", 1)
	require.NoError(t, err)
	require.EqualValues(t, 3, n)
	_, err = parseInt("partitions", "0", 1)
	require.EqualError(t, err, "Option partitions must be at least 1, not 0")
	for _, bad := range []string{"", "x", "1.5", "99999999999999999999", " 1"} {
		_, err = parseInt("partitions", bad, 1)
		require.ErrorContains(t, err, "is not a number", bad)
	}
}

// tick takes ticks or a duration; a duration too long for the limit, or for an int64 once in
// milliseconds, is refused rather than wrapped round to a short (or zero) one.
func TestParseDuration(t *testing.T) {
	cfg := engine.DefaultConfig() // 100 ms a tick
	for in, want := range map[string]int64{"0": 0, "7": 7, "250ms": 3, "3s": 30, "0s": 0, "1000000": 1_000_000, "100000s": 1_000_000} {
		got, err := parseDuration(cfg, in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"1000001", "100001s", "9999999999999999s", "9223372036854775807ms", "9223372036854775807"} {
		_, err := parseDuration(cfg, in)
		require.ErrorContains(t, err, "too long", in)
	}
	for _, in := range []string{"-1", "1.5s", "s", "ms", "3m", "", "99999999999999999999"} {
		_, err := parseDuration(cfg, in)
		require.ErrorContains(t, err, "is not a duration", in)
	}
}
