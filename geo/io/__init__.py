"""Files in and out: the layer format, the claims file, and writes that never leave a half-written file."""
