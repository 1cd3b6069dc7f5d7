package cli

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Tokenize splits a command line into words the way a POSIX shell does for the cases people
// type: whitespace separates words, single quotes keep everything literally, double quotes keep
// spaces, and a backslash escapes the next character outside single quotes.
func Tokenize(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated single quote")
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
					i++
				}
				cur.WriteByte(line[i])
			}
			if i >= len(line) {
				return nil, fmt.Errorf("unterminated double quote")
			}
			inWord = true
		case c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
			inWord = true
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// flagSpec describes one option of a tool: whether it takes a value and whether it may repeat.
type flagSpec struct {
	value  bool
	repeat bool
}

// parsedFlags holds the options of one command line, in the order given.
type parsedFlags struct {
	vals map[string][]string
	args []string // words that are not options
}

func (f parsedFlags) has(name string) bool { _, ok := f.vals[name]; return ok }

func (f parsedFlags) get(name string) string {
	if v := f.vals[name]; len(v) > 0 {
		return v[len(v)-1]
	}
	return ""
}

func (f parsedFlags) all(name string) []string { return f.vals[name] }

// parseFlags reads --name value and --name=value options as joptsimple does for the Kafka tools.
// --bootstrap-server and --command-config are accepted everywhere and ignored.
func parseFlags(tool string, words []string, specs map[string]flagSpec) (parsedFlags, error) {
	out := parsedFlags{vals: map[string][]string{}}
	for i := 0; i < len(words); i++ {
		w := words[i]
		if !strings.HasPrefix(w, "--") {
			out.args = append(out.args, w)
			continue
		}
		name, val, hasVal := strings.Cut(w[2:], "=")
		spec, ok := specs[name]
		if name == "bootstrap-server" || name == "command-config" || name == "bootstrap-controller" {
			spec, ok = flagSpec{value: true}, true
		}
		if !ok {
			return out, fmt.Errorf("%s is not a recognized option of %s (see: help %s)", name, tool, tool)
		}
		if spec.value && !hasVal {
			if i+1 >= len(words) {
				return out, fmt.Errorf("Option %s requires an argument", name)
			}
			i++
			val = words[i]
		} else if !spec.value && hasVal {
			return out, fmt.Errorf("Option %s does not take an argument", name)
		}
		if _, seen := out.vals[name]; seen && !spec.repeat && spec.value {
			return out, fmt.Errorf("Option %s was given more than once", name)
		}
		out.vals[name] = append(out.vals[name], val)
	}
	return out, nil
}

// keyValues parses repeated k=v options into a map.
func keyValues(opt string, vals []string) (map[string]string, error) {
	m := map[string]string{}
	for _, kv := range vals {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("Invalid --%s %q: expected key=value", opt, kv)
		}
		m[k] = v
	}
	return m, nil
}

func parseInt(opt, v string, min int64) (int64, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("Option %s: %q is not a number", opt, v)
	}
	if n < min {
		return 0, fmt.Errorf("Option %s must be at least %d, not %d", opt, min, n)
	}
	return n, nil
}

// sortedKeys returns a map's keys in order, so that errors and output never depend on map order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
