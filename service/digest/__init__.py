"""The daily digest: select (build.py), render (render.py, pure), send (send.py, SMTP only), and the job that
ties them together once per local day (job.py)."""
