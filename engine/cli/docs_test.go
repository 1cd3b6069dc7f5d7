package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The command reference must name every command the shell knows, so that docs and help never
// drift apart; and every command must have a summary and usage for `help`.
func TestEveryCommandIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/command-language.md")
	require.NoError(t, err)
	for _, name := range CommandNames() {
		require.True(t, strings.Contains(string(doc), name), "docs/command-language.md does not mention %s", name)
		c := commands[name]
		require.NotEmpty(t, c.summary, name)
		require.NotEmpty(t, c.usage, name)
		res := (&Shell{}).helpFor(name)
		require.True(t, strings.HasPrefix(res, name+": "), res)
	}
}
