package web

import (
	"fmt"
	"strconv"

	"github.com/kafka-playground/playground/web/model"
	"github.com/vugu/vugu/js"
)

// Root is the page. LanesMount is called with the empty element the lanes layer draws into;
// Vugu never touches that element's children.
type Root struct {
	App        *App
	LanesMount func(el js.Value)
}

func (c *Root) playingAttr() string { return strconv.FormatBool(c.App.S.Playing) }

func (c *Root) playLabel() string {
	if c.App.S.Playing {
		return "Pause"
	}
	return "Play"
}

func (c *Root) playText() string {
	if c.App.S.Playing {
		return "❚❚ Pause"
	}
	return "▶ Play"
}

func (c *Root) timeText() string { return c.App.TimeText() }

func (c *Root) tickTitle() string {
	return fmt.Sprintf("tick %d (one tick is 100 ms)", c.App.S.View().Tick)
}

func (c *Root) seedText() string { return fmt.Sprintf("seed %d", c.App.S.Sim().Seed()) }

type speedOption struct {
	Value, Label string
	Selected     bool
}

func (c *Root) speeds() []speedOption {
	out := make([]speedOption, len(model.Speeds))
	for i, s := range model.Speeds {
		label := fmt.Sprintf("%g×", s/10)
		if s == 10 {
			label = "1× (real time)"
		}
		out[i] = speedOption{Value: strconv.Itoa(i), Label: label, Selected: i == c.App.S.SpeedIndex}
	}
	return out
}

func (c *Root) setSpeed(v string) {
	if i, err := strconv.Atoi(v); err == nil {
		c.App.S.SetSpeedIndex(i)
	}
}

func (c *Root) openNewTopic() {
	c.App.FormError = ""
	c.App.ShowNewTopic = true
}

func (c *Root) crashText() string {
	cr := c.App.Crash
	return fmt.Sprintf("%s (seed %d, last command: %q). Reproduce it with: kafkasim --seed %d", cr.Message, cr.Seed, cr.LastCommand, cr.Seed)
}
