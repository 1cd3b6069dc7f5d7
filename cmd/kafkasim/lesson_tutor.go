package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/lessons"
)

const lessonPrompt = "lesson> "

const lessonHelp = `Lesson commands:
  next        go to the next step         back      show the previous step again
  check       is the goal met? why not?   hint      one more hint
  solution    show the commands that reach the goal (they are not run)
  restart     start the lesson over       quit      leave
Anything else is a playground command (help COMMAND for one command's options).
`

// tutor presents a lessons.Run in the terminal: it prints narration and the output of the
// lesson's own commands, reads the learner's commands and lesson verbs, and announces a task's
// goal the moment it holds.
type tutor struct {
	run    *lessons.Run
	sh     *cli.Shell
	in     lineReader
	out    io.Writer
	events bool
	width  int

	hint      int  // the next hint to give at the current step
	announced bool // the current task's goal has been announced as reached
	setup     bool // Start is running the setup: list commands without their output
}

func newTutor(l lessons.Lesson, sh *cli.Shell, in lineReader, out io.Writer, events bool, width int) *tutor {
	t := &tutor{sh: sh, in: in, out: out, events: events, width: width}
	t.run = lessons.NewRun(l, t)
	t.run.OnStep = t.showStep
	return t
}

// Exec runs the lesson's own commands (setup, demos, reveals) for the Run, printing each like
// the REPL would after the learner typed it.
func (t *tutor) Exec(line string, input []string) cli.Result {
	if t.setup {
		fmt.Fprintf(t.out, "  %s\n", line)
		return t.sh.Exec(line, input)
	}
	fmt.Fprintf(t.out, "> %s\n", line)
	for _, in := range input {
		fmt.Fprintf(t.out, ">> %s\n", in)
	}
	return t.print(t.sh.Exec(line, input))
}

// Events is the Session half that lets the Run see what happened since a step began.
func (t *tutor) Sim() *engine.Sim { return t.sh.Sim() }

func (t *tutor) print(res cli.Result) cli.Result {
	io.WriteString(t.out, res.Output)
	if t.events {
		io.WriteString(t.out, cli.FormatEvents(res.Events))
	}
	if res.Err != nil {
		fmt.Fprintf(t.out, "ERROR %v\n", res.Err)
	}
	return res
}

func (t *tutor) teach() int {
	l := t.run.Lesson()
	if l.Kind == lessons.KindDemo {
		fmt.Fprintf(t.out, "%s\n", l.Title)
	} else {
		fmt.Fprintf(t.out, "Lesson %d: %s\n", l.Number, l.Title)
	}
	if len(l.Objectives) > 0 {
		fmt.Fprintln(t.out, "You will:")
		for _, o := range l.Objectives {
			io.WriteString(t.out, wrap("- "+o, t.width, "  "))
		}
	}
	if l.Intro != "" {
		fmt.Fprintln(t.out)
		io.WriteString(t.out, wrap(lessons.Text(l.Intro), t.width, ""))
	}
	if !t.start() {
		return 1
	}
	t.in.SetPrompt(lessonPrompt)
	for {
		line, err := t.in.ReadLine()
		if err != nil {
			fmt.Fprintln(t.out)
			return 0
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		done, ok := t.handle(line)
		if !ok {
			return 1
		}
		if done {
			return 0
		}
	}
}

// start builds the lesson's cluster and enters the first step.
func (t *tutor) start() bool {
	fmt.Fprintf(t.out, "\nSetting up a fresh cluster (%s):\n", t.run.ResetCommand())
	t.setup = true
	defer func() { t.setup = false }()
	// The first step is shown (and its demo played) from inside Start, through OnStep.
	if err := t.run.Start(); err != nil {
		fmt.Fprintf(t.out, "ERROR the lesson cannot run: %v\n", err)
		return false
	}
	return true
}

// handle runs one line. It returns done when the learner leaves, and ok=false when a command
// of the lesson itself failed (a bug in the lesson, which the tests rule out).
func (t *tutor) handle(line string) (done, ok bool) {
	words := strings.Fields(line)
	switch words[0] {
	case "quit", "exit":
		return true, true
	case "next":
		return false, t.next()
	case "back":
		if !t.run.Back() {
			fmt.Fprintln(t.out, "This is the first step.")
		}
		return false, true
	case "check":
		t.check()
		return false, true
	case "hint":
		t.giveHint()
		return false, true
	case "solution":
		t.solution()
		return false, true
	case "restart":
		t.announced, t.hint = false, 0
		return false, t.start()
	case "help":
		if len(words) == 1 {
			io.WriteString(t.out, lessonHelp)
			return false, true
		}
	case "reset", "seed":
		if words[0] == "reset" || len(words) > 1 {
			fmt.Fprintln(t.out, "This lesson runs on its own cluster; type restart to start the lesson over.")
			return false, true
		}
	}
	if s := t.run.Step(); s.Kind == lessons.StepQuiz {
		if n, err := strconv.Atoi(line); err == nil {
			return false, t.answer(n)
		}
	}
	var input []string
	if cli.NeedsInput(line) {
		t.in.SetPrompt(">")
		for {
			rec, err := t.in.ReadLine()
			if err != nil || rec == "" {
				break
			}
			input = append(input, rec)
		}
		t.in.SetPrompt(lessonPrompt)
	}
	t.print(t.sh.Exec(line, input))
	t.maybeAnnounce()
	return false, true
}

// showStep prints a step's narration and what the learner is asked to do. The Run calls it
// whenever the step changes, before a demo plays.
func (t *tutor) showStep(i int) {
	l := t.run.Lesson()
	s := l.Steps[i]
	t.setup = false
	t.announced, t.hint = false, 0
	label := map[lessons.StepKind]string{lessons.StepDemo: "watch", lessons.StepTask: "your turn", lessons.StepQuiz: "predict"}[s.Kind]
	fmt.Fprintf(t.out, "\n── Step %d of %d · %s ──\n", i+1, len(l.Steps), label)
	io.WriteString(t.out, wrap(lessons.Text(s.Narration), t.width, ""))
	switch s.Kind {
	case lessons.StepTask:
		io.WriteString(t.out, wrap("Goal: "+s.Task.Check, t.width, ""))
		fmt.Fprintln(t.out, "Type commands; the goal is checked after each one. (hint, solution, check, next, help)")
		t.maybeAnnounce()
	case lessons.StepQuiz:
		io.WriteString(t.out, wrap(s.Quiz.Question, t.width, ""))
		for j, c := range s.Quiz.Choices {
			io.WriteString(t.out, wrap(fmt.Sprintf("%d. %s", j+1, c.Text), t.width, "  "))
		}
		if n, answered := t.run.Answered(); answered {
			fmt.Fprintf(t.out, "You answered %d. Type next to go on.\n", n+1)
		} else {
			fmt.Fprintf(t.out, "Answer with a number from 1 to %d.\n", len(s.Quiz.Choices))
		}
	case lessons.StepDemo:
		if t.run.Played() {
			fmt.Fprintln(t.out, "(This demo has already played. Type next to go on.)")
		}
	}
}

// next moves on, and says so when the current task is left unfinished or the lesson is over.
func (t *tutor) next() bool {
	if i := t.run.Index(); !t.run.Passed(i) {
		switch t.run.Step().Kind {
		case lessons.StepTask:
			fmt.Fprintln(t.out, "(Moving on, although the goal is not reached yet.)")
		case lessons.StepQuiz:
			fmt.Fprintln(t.out, "(Moving on without an answer.)")
		}
	}
	moved, err := t.run.Next()
	if err != nil {
		fmt.Fprintf(t.out, "ERROR the lesson cannot go on: %v\n", err)
		return !errors.Is(err, lessons.ErrNotStarted)
	}
	if !moved {
		t.finish()
	}
	return true
}

func (t *tutor) finish() {
	if t.run.Finished() {
		fmt.Fprintln(t.out, "\nLesson complete. The cluster is yours: keep playing, or type quit.")
		return
	}
	var open []string
	for i := 0; i < t.run.Len(); i++ {
		if !t.run.Passed(i) {
			open = append(open, strconv.Itoa(i+1))
		}
	}
	fmt.Fprintf(t.out, "\nThat was the last step. Not done yet: step(s) %s (type back to return). Type quit to leave.\n", strings.Join(open, ", "))
}

func (t *tutor) check() {
	s := t.run.Step()
	switch s.Kind {
	case lessons.StepTask:
		ok, detail := t.run.Check(t.sh.Sim().View())
		io.WriteString(t.out, wrap("Goal: "+s.Task.Check, t.width, ""))
		io.WriteString(t.out, wrap("Checked: "+s.Task.Goal.Describe(), t.width, ""))
		if ok {
			io.WriteString(t.out, wrap("✔ It holds: "+detail, t.width, ""))
		} else {
			io.WriteString(t.out, wrap("✘ Not yet: "+detail, t.width, ""))
		}
	case lessons.StepQuiz:
		fmt.Fprintln(t.out, "This step is a question: answer it with a number.")
	default:
		fmt.Fprintln(t.out, "Nothing to check here: this step is a demo. Type next to go on.")
	}
}

func (t *tutor) giveHint() {
	s := t.run.Step()
	if s.Task == nil {
		fmt.Fprintln(t.out, "No hints here: hints belong to tasks.")
		return
	}
	h, ok := t.run.Hint(t.hint)
	if !ok {
		fmt.Fprintln(t.out, "No more hints. Type solution to see the commands.")
		return
	}
	t.hint++
	io.WriteString(t.out, wrap(fmt.Sprintf("Hint %d of %d: %s", t.hint, len(s.Task.Hints), lessons.Text(h)), t.width, ""))
}

func (t *tutor) solution() {
	sol := t.run.Solution()
	if sol == nil {
		fmt.Fprintln(t.out, "No solution here: this step is not a task.")
		return
	}
	fmt.Fprintln(t.out, "One way to do it (type these yourself):")
	for _, s := range sol {
		for _, line := range strings.Split(s, "\n") {
			fmt.Fprintf(t.out, "  %s\n", line)
		}
		if strings.Contains(s, "\n") {
			fmt.Fprintln(t.out, "  (then an empty line to end the records)")
		}
	}
}

func (t *tutor) answer(n int) bool {
	correct, explain, err := t.run.Answer(n - 1)
	if err != nil && !correct && explain == "" {
		fmt.Fprintf(t.out, "Please %v.\n", err)
		return true
	}
	if correct {
		io.WriteString(t.out, wrap("✔ Right. "+lessons.Text(explain), t.width, ""))
	} else {
		io.WriteString(t.out, wrap("✘ Not quite. "+lessons.Text(explain), t.width, ""))
	}
	if err != nil {
		fmt.Fprintf(t.out, "ERROR the lesson cannot go on: %v\n", err)
		return false
	}
	fmt.Fprintln(t.out, "Type next to go on.")
	return true
}

// maybeAnnounce checks the current task's goal and announces it once when it holds.
func (t *tutor) maybeAnnounce() {
	s := t.run.Step()
	if s.Kind != lessons.StepTask || t.announced {
		return
	}
	if ok, _ := t.run.Check(t.sh.Sim().View()); ok {
		t.announced = true
		io.WriteString(t.out, wrap("✔ Goal reached: "+s.Task.Check+" Type next to go on.", t.width, ""))
	}
}
