package web

// HelpDialog lists the keyboard shortcuts.
type HelpDialog struct {
	App *App
}

// Shortcut is one global key binding. The wasm side binds exactly these keys. Classroom keys
// work only in classroom mode, so that elsewhere ← and PageUp/PageDown keep scrolling the page.
type Shortcut struct {
	Key, Does string
	Classroom bool
}

// Shortcuts is the single list the help dialog shows and the key handler obeys.
var Shortcuts = []Shortcut{
	{"Space", "play or pause the clock", false},
	{"→", "step one tick (100 ms of simulated time); in classroom mode, the next beat", false},
	{"t", "create a topic", false},
	{"/", "focus the console", false},
	{"Esc", "close a dialog or menu, clear the highlight", false},
	{"?", "show this list", false},
	{"PageDown", "classroom mode: the next beat (a presentation clicker's forward button)", true},
	{"←", "classroom mode: back one beat (the cluster is rebuilt as it was)", true},
	{"PageUp", "classroom mode: back one beat (a clicker's back button)", true},
}

// Key runs a global shortcut. It reports whether the key was one, so the caller can prevent
// the browser's default (space scrolling the page).
func (a *App) Key(key string) bool {
	switch key {
	case " ", "Spacebar":
		a.TogglePlay()
	case "ArrowRight":
		if a.Lesson.Classroom {
			a.LessonNext()
		} else {
			a.Step()
		}
	case "PageDown":
		if !a.Lesson.Classroom {
			return false
		}
		a.LessonNext()
	case "ArrowLeft", "PageUp":
		if !a.Lesson.Classroom {
			return false
		}
		a.ClassroomBack()
	case "t":
		a.FormError = ""
		a.ShowNewTopic = true
	case "/":
		if a.Host != nil {
			a.Host.FocusCommand()
		}
	case "Escape":
		// Escape closes what is on top; with nothing else open it closes the comparison.
		dialog := a.ShowHelp || a.ShowNewTopic || a.MenuBroker >= 0 || a.ShowAddProducer || a.ShowAddConsumer ||
			a.Lesson.ShowPicker || a.Share.ShowExport
		a.ShowHelp, a.ShowNewTopic, a.MenuBroker = false, false, -1
		a.ShowAddProducer, a.ShowAddConsumer, a.Lesson.ShowPicker = false, false, false
		a.Share.ShowExport = false
		if !dialog && a.WhatIf.Open {
			a.CloseCompare()
		}
		a.ClearHighlight()
	case "?":
		a.ShowHelp = true
	default:
		return false
	}
	return true
}

// IsShortcut says whether a key pressed on an element with the given tag is a global shortcut.
// Keys typed into fields are text, not shortcuts (Escape excepted), and Space on a button or
// link is the browser's own activation, which keyboard users rely on.
func IsShortcut(key, tag string, editable bool) bool {
	switch tag {
	case "INPUT", "TEXTAREA", "SELECT":
		return key == "Escape"
	}
	if editable {
		return key == "Escape"
	}
	switch key {
	case " ", "Spacebar":
		return tag != "BUTTON" && tag != "A" && tag != "SUMMARY"
	case "ArrowRight", "t", "/", "Escape", "?":
		return true
	case "ArrowLeft", "PageUp", "PageDown":
		return presenting.Load()
	}
	return false
}
