//go:build js && wasm

package main

import (
	"github.com/hack-pad/safejs"
	"github.com/kafka-playground/playground/web"
)

// listView draws an incremental list (the console scrollback, the event log) into an element
// Vugu leaves alone: new lines arrive as one escaped HTML string (web/feeds.go) and cost one
// DOM call, however long the list already is.
type listView struct {
	el          safejs.Value
	newestFirst bool // the event log shows the newest line at the top
	max         int  // lines kept in the page
	count       int
}

func (v *listView) apply(f web.Feed) error {
	if f.Reset {
		if err := v.el.Set("innerHTML", f.HTML); err != nil {
			return err
		}
		v.count = f.Lines
	} else if f.HTML != "" {
		where := "beforeend"
		if v.newestFirst {
			where = "afterbegin"
		}
		if _, err := v.el.Call("insertAdjacentHTML", where, f.HTML); err != nil {
			return err
		}
		v.count += f.Lines
	}
	oldest := "firstElementChild"
	if v.newestFirst {
		oldest = "lastElementChild"
	}
	for ; v.count > v.max; v.count-- {
		child, err := v.el.Get(oldest)
		if err != nil || child.IsNull() {
			v.count = 0
			break
		}
		if _, err := child.Call("remove"); err != nil {
			return err
		}
	}
	return nil
}
