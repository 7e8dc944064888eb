package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"
)

// cmdProbe checks a health endpoint (the container's HEALTHCHECK, with no
// curl in the image): exit 0 when it answers 200 within 3 seconds.
func cmdProbe(ctx context.Context, e env, args []string) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "--"+helpAll) {
		printUsage(e.stderr, lookupCommand("probe"), flag.NewFlagSet("probe", flag.ContinueOnError))
		return flag.ErrHelp
	}
	if len(args) != 1 {
		return usageError{"probe: usage: bot probe URL (e.g. http://127.0.0.1:3000/readyz)"}
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, args[0], nil)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	fmt.Fprintf(e.stdout, "%d %s", resp.StatusCode, body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("probe: %s answered %d", args[0], resp.StatusCode)
	}
	return nil
}
