package session

import (
	"slices"
	"strings"

	"github.com/kafka-playground/playground/engine/cli"
)

// Rewriting works on the command lines rather than on the engine's configuration because a
// setting lives where the learner put it: acks on each producer, min.insync.replicas and
// unclean.leader.election.enable on each topic, the assignor on each consumer. Rewriting the
// lines says the same thing the learner would have typed, so a pane's run is an ordinary run of
// the command language, and the rewritten lines can be shown, exported or replayed as they are.

// Rewrite returns the log with every command that carries the override's setting changed to
// use it, and every command that could carry it but does not given it: a console producer or
// `producer add` without acks gets the override's acks, a topic created without the config
// gets `--config key=value`, a group consumer without an assignor gets
// `partition.assignment.strategy`. Other commands, the clock's entries, failed commands and
// lines that do not parse are left as they are. The input log is not changed.
//
// Topics that a console producer creates on first use (auto.create.topics.enable) get the
// broker defaults, as they would in Kafka; the comparison cannot rewrite a topic that no
// command created.
func Rewrite(cmds []Command, o Override) []Command {
	out := slices.Clone(cmds)
	for i, c := range out {
		if c.Failed || c.Source == SourceClock {
			continue
		}
		out[i].Line = RewriteLine(c.Line, o)
	}
	return out
}

// RewriteLine is Rewrite for one command line. A line it changes is written back with each
// word quoted as the command language's tokenizer reads it, so it parses to the same words
// with the one setting changed; a line it does not change is returned byte for byte.
func RewriteLine(line string, o Override) string {
	words, err := cli.Tokenize(line)
	if err != nil || len(words) == 0 || o.Validate() != nil {
		return line
	}
	var out []string
	switch tool, sub := lineTool(words[0]), lineSub(words); {
	case o.Name == OverrideAcks && tool == "kafka-console-producer":
		out = setAcks(words, true, o.Value)
	case o.Name == OverrideAcks && tool == "producer" && sub == "add":
		out = setAcks(words, false, o.Value)
	case (o.Name == OverrideUnclean || o.Name == OverrideMinISR) && tool == "kafka-topics" && slices.Contains(words, "--create"):
		out = setKeyValue(words, "config", o.Name, o.Value, true)
	case (o.Name == OverrideUnclean || o.Name == OverrideMinISR) && tool == "kafka-configs" && slices.Contains(words, "--alter"):
		out = setAlteredConfig(words, o.Name, o.Value)
	case o.Name == OverrideAssignor && tool == "consumer" && sub == "add",
		o.Name == OverrideAssignor && tool == "kafka-console-consumer" && lineHasOpt(words, "group"):
		out = setKeyValue(words, "consumer-property", o.Name, o.Value, true)
	}
	if out == nil || slices.Equal(out, words) {
		return line
	}
	quoted := make([]string, len(out))
	for i, w := range out {
		quoted[i] = cli.Quote(w)
	}
	return strings.Join(quoted, " ")
}

// lineTool turns bin/kafka-topics.sh, kafka-topics.sh and kafka-topics into kafka-topics,
// the way the shell looks commands up.
func lineTool(w string) string {
	w = w[strings.LastIndexAny(w, `/\`)+1:]
	w = strings.TrimSuffix(w, ".sh")
	return strings.TrimSuffix(w, ".bat")
}

func lineSub(words []string) string {
	if len(words) > 1 {
		return words[1]
	}
	return ""
}

// lineOpt is one `--name value` or `--name=value` of a line: the index of its value word and
// whether the value shares the word with the name.
type lineOpt struct {
	at     int
	inline bool
}

// lineOpts finds every occurrence of --name. Only the options the rewriter looks for are read,
// so it needs no table of which options take values.
func lineOpts(words []string, name string) []lineOpt {
	var out []lineOpt
	for i := 1; i < len(words); i++ {
		switch {
		case words[i] == "--"+name && i+1 < len(words):
			out = append(out, lineOpt{at: i + 1})
			i++
		case strings.HasPrefix(words[i], "--"+name+"="):
			out = append(out, lineOpt{at: i, inline: true})
		}
	}
	return out
}

func lineHasOpt(words []string, name string) bool {
	return len(lineOpts(words, name)) > 0 || slices.Contains(words, "--"+name)
}

func (o lineOpt) value(words []string) string {
	if o.inline {
		_, v, _ := strings.Cut(words[o.at], "=")
		return v
	}
	return words[o.at]
}

func (o lineOpt) set(words []string, name, v string) {
	if o.inline {
		words[o.at] = "--" + name + "=" + v
		return
	}
	words[o.at] = v
}

// setKeyValue makes every `--opt key=...` say key=value, and adds `--opt key=value` when none
// does and add is set.
func setKeyValue(words []string, opt, key, value string, add bool) []string {
	words = slices.Clone(words)
	found := false
	for _, o := range lineOpts(words, opt) {
		if k, _, ok := strings.Cut(o.value(words), "="); ok && strings.TrimSpace(k) == key {
			o.set(words, opt, key+"="+value)
			found = true
		}
	}
	if !found && add {
		words = append(words, "--"+opt, key+"="+value)
	}
	return words
}

// setAcks gives a producer line the acks wanted. The console producer also takes
// --request-required-acks, which its --producer-property acks overrides, so both are set.
// Kafka refuses enable.idempotence=true without acks=all ("Must set acks to all in order to
// use the idempotent producer"), so a line that asks for idempotence gets it turned off rather
// than fail on the side whose acks is 0 or 1.
func setAcks(words []string, console bool, acks string) []string {
	words = slices.Clone(words)
	found := false
	if console {
		for _, o := range lineOpts(words, "request-required-acks") {
			o.set(words, "request-required-acks", acks)
			found = true
		}
	}
	for _, o := range lineOpts(words, "producer-property") {
		k, _, ok := strings.Cut(o.value(words), "=")
		switch k = strings.TrimSpace(k); {
		case !ok:
		case k == "acks":
			o.set(words, "producer-property", "acks="+acks)
			found = true
		case k == "enable.idempotence" && acks != "all":
			o.set(words, "producer-property", "enable.idempotence=false")
		}
	}
	if !found {
		words = append(words, "--producer-property", "acks="+acks)
	}
	return words
}

// setAlteredConfig makes a `kafka-configs --alter` that sets or deletes key set it to value:
// deleting would put the default back, which is not the setting being compared. A line that
// does not mention key is left alone (the topic got the setting when it was created).
func setAlteredConfig(words []string, key, value string) []string {
	words = slices.Clone(words)
	mentioned := false
	for _, o := range lineOpts(words, "add-config") {
		pairs := cli.SplitConfigList(o.value(words))
		for i, kv := range pairs {
			if k, _, ok := strings.Cut(kv, "="); ok && strings.TrimSpace(k) == key {
				pairs[i] = key + "=" + value
				mentioned = true
			}
		}
		o.set(words, "add-config", strings.Join(pairs, ","))
	}
	var drop []int // --delete-config options left empty, by the index of their value word
	for _, o := range lineOpts(words, "delete-config") {
		var keep []string
		for _, k := range strings.Split(o.value(words), ",") {
			if strings.TrimSpace(k) == key {
				mentioned = true
				continue
			}
			keep = append(keep, k)
		}
		if len(keep) == 0 {
			drop = append(drop, o.at)
			continue
		}
		o.set(words, "delete-config", strings.Join(keep, ","))
	}
	if !mentioned {
		return words
	}
	for i := len(drop) - 1; i >= 0; i-- {
		at := drop[i]
		if strings.HasPrefix(words[at], "--") { // --delete-config=k
			words = slices.Delete(words, at, at+1)
		} else {
			words = slices.Delete(words, at-1, at+1)
		}
	}
	if !slices.ContainsFunc(lineOpts(words, "add-config"), func(o lineOpt) bool {
		return slices.ContainsFunc(cli.SplitConfigList(o.value(words)), func(kv string) bool { return kv == key+"="+value })
	}) {
		words = append(words, "--add-config", key+"="+value)
	}
	return words
}
