"""The glue of each rollout step: what its notebook shows, built from the domain packages."""
