package lessons

import "fmt"

// The lookups below serve both builds: the host's, which parses the lesson files, and the
// browser's, which reads them precompiled (embed.go and embed_wasm.go).

// ByNumber returns lesson n of the curriculum.
func ByNumber(n int) (Lesson, error) {
	all, err := All()
	if err != nil {
		return Lesson{}, err
	}
	for _, l := range all {
		if l.Number == n {
			return l, nil
		}
	}
	return Lesson{}, fmt.Errorf("there is no lesson %d (lessons are numbered 1 to %d)", n, len(all))
}

// findSlug picks the lesson or demo with that slug: "failover" is lesson 9, "demo-failover" the
// classroom demo.
func findSlug(all []Lesson, slug string) (Lesson, error) {
	for _, l := range all {
		if l.Slug == slug {
			return l, nil
		}
	}
	return Lesson{}, fmt.Errorf("there is no lesson or demo named %q", slug)
}
