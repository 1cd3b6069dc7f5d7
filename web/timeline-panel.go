package web

import (
	"fmt"
	"strconv"

	"github.com/kafka-playground/playground/web/model"
)

// TimelinePanel is the run's timeline: a scrubber over every step, marks for the moments that
// matter, the time-travel buttons, and sharing. It re-renders with the other panels; its marks
// are binned (model.TimelineBins) so a long run costs the page no more than a short one.
type TimelinePanel struct {
	App *App
	v   model.TimelineView
}

// BeforeBuild reads the timeline once per render.
func (c *TimelinePanel) BeforeBuild() { c.v = c.App.S.TimelineView() }

func (c *TimelinePanel) panelClass() string {
	if c.v.Past {
		return "panel timeline past"
	}
	return "panel timeline"
}

func (c *TimelinePanel) pastAttr() string { return strconv.FormatBool(c.v.Past) }

// whereText says where the learner is, in words: the past is not told by colour alone.
func (c *TimelinePanel) whereText() string {
	if c.v.Past {
		return fmt.Sprintf("◂◂ Viewing the past: t = %s (%s; the run goes on to %s). Acting here forks the run.",
			c.v.TimeText, c.v.PositionSummary, c.v.EndTimeText)
	}
	return fmt.Sprintf("t = %s (%s)", c.v.TimeText, c.v.PositionSummary)
}

func (c *TimelinePanel) maxText() string         { return strconv.FormatInt(max(c.v.Len, 1), 10) }
func (c *TimelinePanel) posText() string         { return strconv.FormatInt(c.v.Pos, 10) }
func (c *TimelinePanel) stepText(s int64) string { return strconv.FormatInt(s, 10) }
func (c *TimelinePanel) valueText() string       { return "t = " + c.v.TimeText + ", " + c.v.PositionSummary }

func (c *TimelinePanel) marks() []model.TimelineMark { return c.v.Marks }

func (c *TimelinePanel) markStyle(m model.TimelineMark) string {
	return fmt.Sprintf("left: %.2f%%", m.Percent)
}

func (c *TimelinePanel) exportExpanded() string { return strconv.FormatBool(c.App.Share.ShowExport) }

// navButton is one of the time-travel buttons.
type navButton struct {
	ID, Class, Label, Title, Text string
	Disabled                      bool
	Do                            func()
}

func (c *TimelinePanel) navButtons() []navButton {
	v, a := c.v, c.App
	b := []navButton{
		{ID: "tl-prev-event", Class: "btn small", Label: "Previous event", Title: "Back to the last marked event", Text: "◂◂", Disabled: v.PrevEvent < 0, Do: a.PrevEvent},
		{ID: "tl-back", Class: "btn small", Label: "Back one tick", Title: "Back one tick (100 ms)", Text: "◂", Disabled: v.Pos == 0, Do: a.BackTick},
		{ID: "tl-forward", Class: "btn small", Label: "Forward one tick", Title: "Forward one tick (100 ms)", Text: "▸", Do: a.ForwardTick},
		{ID: "tl-next-event", Class: "btn small", Label: "Next event", Title: "On to the next marked event", Text: "▸▸", Disabled: v.NextEvent < 0, Do: a.NextEvent},
		{ID: "tl-now", Class: "btn small", Label: "Back to now", Title: "Go to the end of the run", Text: "Now ⇥", Disabled: !v.Past, Do: a.BackToNow},
		{ID: "tl-undo", Class: "btn small", Label: "Undo", Title: "Go back to just before the last command", Text: "↶ Undo", Disabled: !v.CanUndo, Do: a.Undo},
		{ID: "tl-redo", Class: "btn small", Label: "Redo", Title: "Go forward over the next command", Text: "↷ Redo", Disabled: !v.CanRedo, Do: a.Redo},
	}
	if v.Forks > 0 {
		b = append(b, navButton{ID: "tl-undo-fork", Class: "btn small primary", Label: "Undo fork", Title: v.ForkText, Text: "↶ Undo fork", Do: a.UndoFork})
	}
	return b
}

// exportFormat is one entry of the Export menu.
type exportFormat struct{ Format, Label, Note string }

func (c *TimelinePanel) exportFormats() []exportFormat {
	return []exportFormat{
		{"json", "Session (JSON)", "opens again here, or in kafkasim --import"},
		{"markdown", "Report (Markdown)", "the event log, for homework or slides"},
		{"script", "Script (command language)", "replays with kafkasim -f"},
	}
}
