package web

import (
	"strconv"

	"github.com/kafka-playground/playground/engine/session"
	"github.com/kafka-playground/playground/web/model"
)

// WhatIfState is the what-if comparison's part of the App: which preset is open and the
// comparison itself, which follows the main session step by step (SyncWhatIf). Closed, it
// costs nothing: no pane runs.
type WhatIfState struct {
	Open   bool
	Preset int // an index into session.Presets()
	// Compare is the comparison; nil while closed, or when it could not be built (Error says why).
	Compare *session.Compare
	Error   string

	view model.WhatIfView
}

// OpenCompare opens the comparison with one of session.Presets() (an index out of range picks
// the first), replaying the session so far on both sides.
func (a *App) OpenCompare(preset int) {
	presets := session.Presets()
	if preset < 0 || preset >= len(presets) {
		preset = 0
	}
	a.WhatIf = WhatIfState{Open: true, Preset: preset}
	a.SyncWhatIf()
}

// CloseCompare closes the comparison and lets its panes go.
func (a *App) CloseCompare() { a.WhatIf = WhatIfState{Preset: a.WhatIf.Preset} }

// ToggleCompare is the header's Compare button: it opens the last preset used, or closes.
func (a *App) ToggleCompare() {
	if a.WhatIf.Open {
		a.CloseCompare()
		return
	}
	a.OpenCompare(a.WhatIf.Preset)
}

// PickPreset switches the open comparison to another preset, given as the picker's value.
func (a *App) PickPreset(value string) {
	if i, err := strconv.Atoi(value); err == nil {
		a.OpenCompare(i)
	}
}

// SyncWhatIf brings the comparison to the main session's command log and position. It is
// called after every change of the main session: a command, a tick of the clock, a move in
// time. A session opened from a link or a file starts from another cluster, so the comparison
// starts again on it.
func (a *App) SyncWhatIf() {
	w := &a.WhatIf
	if !w.Open {
		return
	}
	a.Guard(func() {
		run := a.S.Run()
		if w.Compare == nil || w.Compare.Setup() != run.Setup() {
			p := session.Presets()[w.Preset]
			c, err := session.NewCompare(run.Setup(), p.A, p.B)
			if err != nil {
				w.Compare, w.Error = nil, err.Error()
				return
			}
			w.Compare = c
		}
		if err := w.Compare.Sync(whatIfLog(a.S.Commands()), run.Position()); err != nil {
			w.Error = "The comparison cannot follow this session: " + err.Error()
			return
		}
		w.Error = ""
		w.view = model.NewWhatIfView(w.Compare)
	})
}

// whatIfLog is the main session's log as the comparison reads it. The model's log entries
// are session commands; this is the one place that would change if they were not.
func whatIfLog(cmds []model.LoggedCommand) []session.Command { return cmds }

// WhatIfView is the panel's view model as of the last sync.
func (a *App) WhatIfView() model.WhatIfView { return a.WhatIf.view }

// compareExpanded says whether the header's Compare button has the panel open.
func (c *Root) compareExpanded() string { return strconv.FormatBool(c.App.WhatIf.Open) }
