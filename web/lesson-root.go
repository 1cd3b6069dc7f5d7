package web

// The lesson panel is the last child of the layout and the notice comes after it, although the
// page shows both on top (CSS grid areas and a fixed position): Vugu syncs the DOM by position,
// so an element that appears before the other panels would shift every one of them into its
// neighbour's DOM nodes, including the lanes, console and event-log elements that are drawn
// outside Vugu.

// appClass switches the page to the presenter layout in classroom mode.
func (c *Root) appClass() string {
	if c.App.Lesson.Classroom {
		return "app classroom"
	}
	return "app"
}

// layoutClass makes room for the lesson panel while a lesson is open.
func (c *Root) layoutClass() string {
	if c.App.Lesson.Run != nil {
		return "layout with-lesson"
	}
	return "layout"
}

func (c *Root) classroomPressed() string {
	if c.App.Lesson.Classroom {
		return "true"
	}
	return "false"
}
