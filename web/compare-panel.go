package web

import (
	"slices"
	"strconv"

	"github.com/kafka-playground/playground/engine/session"
	"github.com/kafka-playground/playground/web/model"
)

// ComparePanel is the what-if comparison: a preset picker, the banner that says whether and
// when the two runs diverged, the two runs side by side, and what differs now. It is the last
// child of the layout, after the lesson panel (see web/lesson-root.go), and is placed by its
// grid area. Every difference is marked with ≠ and the word "differs" as well as a colour.
type ComparePanel struct {
	App *App
	v   model.WhatIfView
}

// BeforeBuild reads the comparison once per render.
func (c *ComparePanel) BeforeBuild() { c.v = c.App.WhatIfView() }

func (c *ComparePanel) panelClass() string {
	if c.v.Diverged {
		return "panel whatif diverged"
	}
	return "panel whatif"
}

func (c *ComparePanel) divergedAttr() string { return strconv.FormatBool(c.v.Diverged) }

type presetOption struct {
	Value, Label string
	Selected     bool
}

func (c *ComparePanel) presets() []presetOption {
	var out []presetOption
	for i, p := range session.Presets() {
		out = append(out, presetOption{Value: strconv.Itoa(i), Label: p.Label, Selected: i == c.App.WhatIf.Preset})
	}
	return out
}

func (c *ComparePanel) about() string {
	ps := session.Presets()
	if i := c.App.WhatIf.Preset; i >= 0 && i < len(ps) {
		return ps[i].About
	}
	return ""
}

func (c *ComparePanel) bannerClass() string {
	if c.v.Diverged {
		return "whatif-banner diverged"
	}
	return "whatif-banner"
}

// bannerIcon tells the two states apart without colour: ≠ once diverged, = before.
func (c *ComparePanel) bannerIcon() string {
	if c.v.Diverged {
		return "≠"
	}
	return "="
}

// sideName is "A" or "B", so a sentence's labels can be found in the columns.
func (c *ComparePanel) sideName(i int) string { return string(rune('A' + i)) }

func (c *ComparePanel) rowClass(differs bool) string {
	if differs {
		return "whatif-row differs"
	}
	return "whatif-row"
}

func (c *ComparePanel) differsText(differs bool) string {
	if differs {
		return "≠ differs"
	}
	return ""
}

// showNow shows the current differences when they say more than the banner's list.
func (c *ComparePanel) showNow() bool {
	return len(c.v.Now) > 0 && !slices.Equal(c.v.Now, c.v.Divergence)
}
