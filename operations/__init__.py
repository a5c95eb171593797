"""Running Melayani on many machines: health probes, structured logs, private files on object storage, the queue."""
