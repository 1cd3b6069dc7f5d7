//go:build !(js && wasm)

package lessons

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"
)

// content holds the lesson files. They are embedded so that the browser build and the terminal
// binary carry the same curriculum, with nothing to fetch or install.
//
//go:embed content/*.md
var content embed.FS

var loadAll = sync.OnceValues(func() ([]Lesson, error) { return LoadFS(content, "content") })

// All returns the embedded lessons in curriculum order (classroom demos are left out; see
// Demos). The files are parsed once; lessons are read-only values, shared by every caller.
func All() ([]Lesson, error) {
	all, err := loadAll()
	if err != nil {
		return nil, err
	}
	var out []Lesson
	for _, l := range all {
		if l.Kind == KindLesson {
			out = append(out, l)
		}
	}
	return out, nil
}

// Demos returns the embedded classroom demos, by slug.
func Demos() ([]Lesson, error) {
	all, err := loadAll()
	if err != nil {
		return nil, err
	}
	var out []Lesson
	for _, l := range all {
		if l.Kind == KindDemo {
			out = append(out, l)
		}
	}
	return out, nil
}

// BySlug returns the lesson or demo with that slug: "failover" is lesson 9, "demo-failover"
// the classroom demo.
func BySlug(slug string) (Lesson, error) {
	all, err := loadAll()
	if err != nil {
		return Lesson{}, err
	}
	return findSlug(all, slug)
}

// LoadFS parses every .md file in dir of fsys, lessons first in number order, then demos by
// slug. It reports every file's errors together, and also two lessons sharing a number or a
// slug.
func LoadFS(fsys fs.FS, dir string) ([]Lesson, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Lesson
	var errs []error
	for _, e := range entries {
		if e.IsDir() || len(e.Name()) < 3 || e.Name()[len(e.Name())-3:] != ".md" {
			continue
		}
		name := dir + "/" + e.Name()
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l, err := Parse(name, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b Lesson) int {
		if a.Kind != b.Kind {
			if a.Kind == KindLesson {
				return -1
			}
			return 1
		}
		if a.Number != b.Number {
			return a.Number - b.Number
		}
		if a.Slug < b.Slug {
			return -1
		}
		if a.Slug > b.Slug {
			return 1
		}
		return 0
	})
	for i := 1; i < len(out); i++ {
		a, b := out[i-1], out[i]
		if a.Kind == KindLesson && b.Kind == KindLesson && a.Number == b.Number {
			errs = append(errs, &Error{File: b.File, Line: 1, Reason: fmt.Sprintf("lesson number %02d is taken by %s too", b.Number, a.File)})
		}
	}
	seen := map[string]string{}
	for _, l := range out {
		if other, dup := seen[l.Slug]; dup {
			errs = append(errs, &Error{File: l.File, Line: 1, Reason: fmt.Sprintf("slug %q is taken by %s too", l.Slug, other)})
		}
		seen[l.Slug] = l.File
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}
