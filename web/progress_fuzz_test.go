package web

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzLoadProgress feeds anything a browser's localStorage could hold to the progress reader,
// then opens every lesson the picker offers to continue: nothing panics, a page always comes
// up, and whatever was kept is progress that Resume accepts.
func FuzzLoadProgress(f *testing.F) {
	good, err := json.Marshal(savedProgress{Version: progressVersion, Open: "failover", Lessons: map[string]savedLesson{}})
	require.NoError(f, err)
	for _, s := range []string{
		string(good), "", "{", "null", "[]", `{"version":1}`, `{"version":2,"lessons":{}}`,
		`{"version":1,"open":"failover","lessons":{"failover":{"lesson":"failover","digest":"x","step":99,"passed":[true],"answers":[7]}}}`,
		`{"version":1,"lessons":{"events":{"lesson":"events","step":-1,"passed":null,"answers":null,"done":true}}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, stored string) {
		h := newFakeHost()
		h.store[ProgressKey] = stored
		a := newLessonApp(t, h, "")
		require.Nil(t, a.Crash)
		for slug := range a.Lesson.saved.Lessons {
			a.OpenLesson(slug)
			require.Nil(t, a.Crash, slug)
			require.NotNil(t, a.Lesson.Run, "kept progress for %s opens", slug)
			a.CloseLesson()
		}
	})
}
