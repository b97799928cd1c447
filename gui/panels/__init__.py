"""The side and bottom panels, the toolbar and the bars over the plots."""
