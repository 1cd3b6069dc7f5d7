package cli

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A script is what a learner saves from the terminal and what lessons are written in, so
// ParseScript must read it the way the terminal would have: comments and blank lines are not
// commands, and a console producer reads the lines after it as records, up to an empty line.
func TestParseScript(t *testing.T) {
	src := "# Create a topic.\n" +
		"\n" +
		"   kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t   \n" +
		"  # indented comment\n" +
		"kafka-console-producer --bootstrap-server localhost:9092 --topic t\n" +
		"first record\n" +
		"  # kept: inside the input this is a record, not a comment\n" +
		"   \n" +
		"\n" +
		"state\n" +
		"bin/kafka-console-producer.sh --topic t\n" +
		"last record, at the end of the file without an empty line"
	require.Equal(t, []Stmt{
		{Line: 3, Text: "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t"},
		{Line: 5, Text: "kafka-console-producer --bootstrap-server localhost:9092 --topic t",
			Input: []string{"first record", "  # kept: inside the input this is a record, not a comment", "   "}},
		{Line: 10, Text: "state"},
		{Line: 11, Text: "bin/kafka-console-producer.sh --topic t",
			Input: []string{"last record, at the end of the file without an empty line"}},
	}, ParseScript(src))
}

func TestParseScriptEmptyInput(t *testing.T) {
	require.Empty(t, ParseScript(""))
	require.Empty(t, ParseScript("\n\n# only comments\n   \n"))
	// A producer followed at once by an empty line, or by the end, sends nothing.
	require.Equal(t, []Stmt{{Line: 1, Text: "kafka-console-producer --topic t"}, {Line: 3, Text: "state"}},
		ParseScript("kafka-console-producer --topic t\n\nstate\n"))
	require.Equal(t, []Stmt{{Line: 1, Text: "kafka-console-producer --topic t"}}, ParseScript("kafka-console-producer --topic t"))
}

// Scripts written on Windows have CRLF line ends: they must not leave \r in commands or
// records, and "\r\n\r\n" still ends a producer's input.
func TestParseScriptCRLF(t *testing.T) {
	require.Equal(t, []Stmt{
		{Line: 1, Text: "kafka-console-producer --topic t", Input: []string{"a", "b"}},
		{Line: 5, Text: "state"},
	}, ParseScript("kafka-console-producer --topic t\r\na\r\nb\r\n\r\nstate\r\n"))
	// A line holding only a CR (a stray "\r\r\n") is empty too.
	require.Equal(t, []Stmt{
		{Line: 1, Text: "kafka-console-producer --topic t", Input: []string{"a"}},
		{Line: 4, Text: "state"},
	}, ParseScript("kafka-console-producer --topic t\na\n\r\r\nstate"))
}

// Only the console producer reads input; a command line that does not tokenize cannot be a
// producer, so the lines after it are commands again (and the bad line fails when it runs).
func TestNeedsInput(t *testing.T) {
	for line, want := range map[string]bool{
		"kafka-console-producer --topic t":                            true,
		"kafka-console-producer.sh --topic t":                         true,
		"/opt/kafka/bin/kafka-console-producer.sh --topic t":          true,
		`'C:\kafka\bin\windows\kafka-console-producer.bat' --topic t`: true, // quoted, as a shell needs
		"kafka-console-consumer --topic t":                            false,
		"producer send p v":                                           false,
		"kafka-console-producer --topic 'unterminated":                false,
		"": false,
	} {
		require.Equal(t, want, NeedsInput(line), line)
	}
	require.Equal(t, []Stmt{
		{Line: 1, Text: "kafka-console-producer --topic 'oops"},
		{Line: 2, Text: "state"},
	}, ParseScript("kafka-console-producer --topic 'oops\nstate\n"))
}
