"""The long-running service: scheduled crawls, the linking job, digests."""
