package session

import (
	"fmt"

	"github.com/kafka-playground/playground/engine"
)

// Setup is the cluster a session starts from. The rest of the engine's configuration is Kafka's
// defaults, which live in code rather than in the file: a session records what the learner
// chose, and a corrected default shows up in every replay.
type Setup struct {
	Seed        uint64 `json:"seed"`
	Brokers     int    `json:"brokers"`
	Controllers int    `json:"controllers"`
}

// SetupOf is the setup of a configuration.
func SetupOf(cfg engine.Config) Setup {
	return Setup{Seed: cfg.Seed, Brokers: cfg.Brokers, Controllers: cfg.Controllers}
}

// Config is the engine configuration the setup stands for.
func (s Setup) Config() engine.Config {
	cfg := engine.DefaultConfig()
	cfg.Seed, cfg.Brokers, cfg.Controllers = s.Seed, s.Brokers, s.Controllers
	return cfg
}

// Validate says, in the words `kafkasim` uses for its flags, what is wrong with a setup.
func (s Setup) Validate() error {
	if s.Brokers < 1 || s.Brokers > engine.MaxBrokers {
		return fmt.Errorf("brokers must be 1 to %d, not %d", engine.MaxBrokers, s.Brokers)
	}
	switch s.Controllers {
	case 1, 3, 5:
	default:
		return fmt.Errorf("controllers must be 1, 3 or 5, not %d", s.Controllers)
	}
	return nil
}

// ResetLine is the command that starts a fresh cluster with this setup; a script begins with
// it so that it replays the same run whatever flags `kafkasim` was started with.
func (s Setup) ResetLine() string {
	return fmt.Sprintf("reset --brokers %d --controllers %d --seed %d", s.Brokers, s.Controllers, s.Seed)
}
