package web

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"rsc.io/qr"
)

func TestClassroomStepsTheFailoverDemoByKeys(t *testing.T) {
	a := newLessonApp(t, newFakeHost(), "")
	a.TogglePlay()
	a.ToggleClassroom()
	require.NotNil(t, a.Lesson.Run)
	assert.Equal(t, ClassroomDemo, a.Lesson.Run.Lesson().Slug)
	assert.True(t, a.Lesson.Classroom)
	assert.False(t, a.S.Playing, "the clock stops while presenting")
	assert.True(t, IsShortcut("PageDown", "BODY", false))
	html := render(t, a)
	assert.Contains(t, html, `class="app classroom"`)
	assert.Contains(t, html, "Beat 1 of 9")
	assert.Contains(t, html, `aria-label="Exit classroom"`)
	assert.Contains(t, html, `src="data:image/svg+xml;base64,`)
	assert.Contains(t, html, `href="http://class.example:8080/?lesson=demo-failover&amp;step=1"`)

	beats := a.Lesson.Run.Len()
	for i := 1; i < beats; i++ {
		key := "ArrowRight"
		if i%2 == 0 {
			key = "PageDown"
		}
		require.True(t, a.Key(key))
		require.Equal(t, i, a.Lesson.Run.Index(), "after %s", key)
		require.Empty(t, a.Lesson.Error)
	}
	assert.True(t, a.Lesson.Run.Finished())
	assert.Contains(t, render(t, a), "That is the whole demo.")
	p, ok := a.S.View().Partition("orders", 0)
	require.True(t, ok)
	assert.Len(t, p.ISR, 3, "the ISR grew back")
	a.Key("ArrowRight")
	assert.Equal(t, beats-1, a.Lesson.Run.Index(), "the last beat stays")

	require.True(t, a.Key("PageUp"))
	assert.Equal(t, beats-2, a.Lesson.Run.Index())
	require.True(t, a.Key("ArrowLeft"))
	assert.Equal(t, beats-3, a.Lesson.Run.Index())
	assert.True(t, a.Lesson.Classroom, "going back stays in classroom mode")

	a.SetClassroom(false)
	assert.False(t, IsShortcut("PageDown", "BODY", false), "PageDown scrolls the page again")
	assert.False(t, a.Key("PageUp"))
	assert.NotNil(t, a.Lesson.Run, "the demo stays open in the ordinary layout")
	assert.Contains(t, render(t, a), `class="app"`)
}

// The students' link must rebuild exactly the cluster the room sees, also after the presenter
// went back a beat.
func TestTheStudentsLinkRebuildsThePresentersCluster(t *testing.T) {
	teacher := newLessonApp(t, newFakeHost(), "?classroom=1")
	for range 5 {
		teacher.Key("ArrowRight")
	}
	teacher.Key("ArrowLeft")
	link := teacher.StudentsLink()
	assert.Equal(t, "http://class.example:8080/?lesson=demo-failover&step=5", link)
	u, err := url.Parse(link)
	require.NoError(t, err)

	student := newLessonApp(t, newFakeHost(), "?"+u.RawQuery)
	require.NotNil(t, student.Lesson.Run)
	assert.False(t, student.Lesson.Classroom, "students get the ordinary layout")
	assert.Equal(t, 4, student.Lesson.Run.Index())
	want, err := json.Marshal(teacher.S.View())
	require.NoError(t, err)
	got, err := json.Marshal(student.S.View())
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
}

func TestClassroomLinkPresentsAnyLessonAndNextDoesTheStep(t *testing.T) {
	a := newLessonApp(t, newFakeHost(), "?lesson=9&step=2&classroom=1")
	require.True(t, a.Lesson.Classroom)
	assert.False(t, buttonDisabled(render(t, a), "Next"), "a clicker never gets stuck on a task")
	a.Key("PageDown")
	assert.Equal(t, 2, a.Lesson.Run.Index())
	assert.True(t, a.Lesson.Run.Passed(1), "Next played the task's solution")
}

func TestQRCodeMatchesRscQR(t *testing.T) {
	text := "http://192.168.1.20:8080/?lesson=demo-failover&step=9"
	mine, err := qrCode(text)
	require.NoError(t, err)
	ref, err := qr.Encode(text, qr.M)
	require.NoError(t, err)
	require.Equal(t, ref.Size, mine.Size)
	for y := 0; y < ref.Size; y++ {
		for x := 0; x < ref.Size; x++ {
			require.Equal(t, ref.Black(x, y), mine.Black(x, y), "module %d,%d", x, y)
		}
	}
	u, err := QRDataURL(text)
	require.NoError(t, err)
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(u, "data:image/svg+xml;base64,"))
	require.NoError(t, err)
	svg := string(raw)
	side := ref.Size + 2*qrQuietModules
	assert.Contains(t, svg, fmt.Sprintf(`viewBox="0 0 %d %d"`, side, side))
	assert.Contains(t, svg, "M4 4h1v1h-1z", "the top-left finder pattern starts inside the quiet zone")

	_, err = QRDataURL(strings.Repeat("x", 5000))
	assert.Error(t, err)
}
