package cli

import "errors"

// TopicPattern compiles the regular expression that `--topic` may be (kafka-topics --alter,
// --delete and --describe accept one, as Kafka's TopicCommand does), anchored at both ends. On
// the host it is Go's regexp (pattern_regexp.go). The browser build leaves regexp out, which
// keeps about 250 KB of code out of the download, and the page installs the browser's own
// RegExp instead (wasm/). Topic names are letters, digits, '.', '_' and '-', where the two
// dialects agree. Nil means exact names only.
var TopicPattern func(pat string) (match func(name string) bool, err error)

var errNoPatterns = errors.New("regular expressions are not available here")

func compileTopicPattern(pat string) (func(string) bool, error) {
	if TopicPattern == nil {
		return nil, errNoPatterns
	}
	return TopicPattern(pat)
}
