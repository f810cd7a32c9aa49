"""Writers lay out a Memo; they decide nothing about its content."""
