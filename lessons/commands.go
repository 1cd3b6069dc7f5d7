//go:build !(js && wasm)

package lessons

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kafka-playground/playground/engine/cli"
	"go.yaml.in/yaml/v3"
)

// commands reads a list of statements of the command language. Each item is one statement: a
// command line, followed, for a console producer, by the records it reads (a YAML block such
// as "- |" keeps the lines together).
func (p *parser) commands(n *yaml.Node, ctx string, min int) []Command {
	var out []Command
	p.list(n, ctx, min, func(i int, item *yaml.Node) {
		c, ok := p.command(item, fmt.Sprintf("%s[%d]", ctx, i+1))
		if ok {
			out = append(out, c)
		}
	})
	return out
}

func (p *parser) command(n *yaml.Node, ctx string) (Command, bool) {
	text := p.str(n, ctx)
	if strings.TrimSpace(text) == "" {
		return Command{}, false
	}
	stmts := cli.ParseScript(text)
	if len(stmts) != 1 {
		p.errorf(n, "%s: one command per item, found %d (an empty line ends a console producer's records)", ctx, len(stmts))
		return Command{}, false
	}
	st := stmts[0]
	words, err := cli.Tokenize(st.Text)
	if err != nil {
		p.errorf(n, "%s: %q: %v", ctx, st.Text, err)
		return Command{}, false
	}
	if len(words) == 0 {
		p.errorf(n, "%s: no command", ctx)
		return Command{}, false
	}
	name := commandName(words[0])
	if !slices.Contains(cli.CommandNames(), name) {
		p.errorf(n, "%s: unknown command %q (see help)", ctx, words[0])
		return Command{}, false
	}
	// A lesson's world is the cluster its front matter describes; a command that replaces the
	// cluster would throw away the setup and every check's premise with it.
	if name == "reset" || name == "seed" && len(words) > 1 {
		p.errorf(n, "%s: %s starts a new cluster; a lesson's cluster is set in its front matter (cluster: brokers, controllers, seed)", ctx, name)
		return Command{}, false
	}
	return Command{Line: st.Text, Input: st.Input, SourceLine: n.Line + p.lineOffset}, true
}

// commandName turns bin/kafka-topics.sh, kafka-topics.sh and kafka-topics into kafka-topics,
// the way the shell looks commands up.
func commandName(w string) string {
	w = w[strings.LastIndexAny(w, `/\`)+1:]
	w = strings.TrimSuffix(w, ".sh")
	return strings.TrimSuffix(w, ".bat")
}
