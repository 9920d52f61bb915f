"""The Word review copy: every finding as a comment (批注) in the reviewer's own document.

Reviewers receive each agency's draft as a Word document and send it back with comments.
This package hands them that review itself: ``anchors`` maps each source line gklint read
to the Word paragraph(s) it came from, ``comments`` places one comment per finding on the
runs that hold the finding's text (never editing the body), ``render`` builds a Word copy
for reports that did not arrive as Word, and ``write`` puts it together and saves it.
"""
