package cli

import "strings"

// Quote returns word as Tokenize reads it back: unchanged when it is made only of characters
// that are never special, otherwise in single quotes, with any single quote inside written as
// '"'"' (close, a double-quoted quote, reopen), as POSIX shells do. Every command line the
// playground writes (the UI's buttons, the what-if rewriting) quotes its words with it.
func Quote(word string) string {
	if word != "" && strings.IndexFunc(word, needsQuote) < 0 {
		return word
	}
	return "'" + strings.ReplaceAll(word, "'", `'"'"'`) + "'"
}

func needsQuote(c rune) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return false
	}
	return !strings.ContainsRune("-_.,:=/@%+[]", c)
}
