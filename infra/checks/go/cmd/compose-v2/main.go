// Command compose-v2 loads a compose file the way Docker Compose v2 does (compose-go: the
// compose-spec JSON schema, .env interpolation, merge and normalisation) and exits non-zero
// with the loader's message when the file is invalid. Debian ships only docker-compose v1,
// whose schema differs, so this keeps docker-compose.yml valid for both.
//
// Usage (from the directory holding .env): compose-v2 docker-compose.yml
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-v2 <compose file>...")
		os.Exit(2)
	}
	opts, err := cli.NewProjectOptions(os.Args[1:],
		cli.WithWorkingDirectory("."), cli.WithOsEnv, cli.WithEnvFiles(), cli.WithDotEnv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d services\n", len(project.Services))
}
