"""The notebook side of gba-atlas: the live map widget and how an atlas displays in a notebook."""
