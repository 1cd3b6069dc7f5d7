package lessons

// compiled.json is the curriculum for the browser build (see compiled.go).
//go:generate go run ./internal/lessonc -o compiled.json
