"""The facilitation UI (Textual). Only `coalition` and `coalition run` import this package.

Textual draws at most `TEXTUAL_FPS` frames a second (60 unless set): a key's effect waits
for the next frame's slot, up to 17 ms at 60, and a frame that misses its slot (the room's
thread takes its turn) waits for the one after. The app asks for 120 unless the environment
says otherwise; Textual draws only when something changed, so an idle app draws nothing
more. Set before Textual is first imported (it reads the variable once).
"""

import os

os.environ.setdefault("TEXTUAL_FPS", "120")
