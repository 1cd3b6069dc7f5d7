package lessons

import (
	"fmt"
	"strings"
)

// Error is one problem in a lesson file: the file, the line and the reason, printed the way
// compilers print them so that editors can jump to it.
type Error struct {
	File   string
	Line   int
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason) }

// ErrorList is every problem found in one file, in the order of their lines. Authors fix a
// file faster when they see all of its mistakes at once.
type ErrorList []*Error

func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}
