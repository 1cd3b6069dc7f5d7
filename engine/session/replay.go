package session

import (
	"fmt"

	"github.com/kafka-playground/playground/engine/cli"
)

// Replay builds the simulation a command log leads to: a fresh cluster from setup, then every
// command that did not fail, in order. A command that fails now but did not when it was
// recorded means the log was not made by this engine (edited, or from another version); Replay
// stops there and says which command, rather than show a state that never happened.
func Replay(setup Setup, cmds []Command) (*cli.Shell, error) {
	if err := setup.Validate(); err != nil {
		return nil, err
	}
	sh, err := cli.New(setup.Config())
	if err != nil {
		return nil, err
	}
	for i, c := range cmds {
		if err := Apply(sh, c); err != nil {
			return nil, fmt.Errorf("command %d (%s): %w", i+1, c.Line, err)
		}
	}
	return sh, nil
}

// Apply runs one logged command on a shell, as replay does: failed commands are skipped, and a
// command that fails now is an error.
func Apply(sh *cli.Shell, c Command) error {
	if c.Failed {
		return nil
	}
	if res := sh.Exec(c.Line, c.Input); res.Err != nil {
		return res.Err
	}
	return nil
}
