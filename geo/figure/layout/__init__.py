"""Where things go on the page: the figure's panels, and labels placed so that none covers another."""
