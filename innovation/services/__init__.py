"""Writes of the innovation app, one module per part: studios, ratings and alliances (the
studio part), topics, projects, results and exhibitions (the results part)."""
