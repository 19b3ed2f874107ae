"""The web app (issue 7, first part): local mode, server-rendered with Jinja2 and htmx.

Routes parse the request, call one service and render; the business logic stays in
``einhorn.services``, the same the command line uses.
"""
