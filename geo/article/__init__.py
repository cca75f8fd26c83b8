"""Reading an article: its area figures and spatial claims, tied to places and verified."""
