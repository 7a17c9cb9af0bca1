/// The dashboard page's HTML shell; `{{CSS}}` and `{{SCRIPT}}` are filled in by `DashboardPage`.
enum DashboardHTML {
  /// The page with its two placeholders.
  static let template = ##"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <link rel="icon" href="data:,">
    <title>OpenCRVS sandbox</title>
    <style>{{CSS}}</style>
    </head>
    <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <h1>OpenCRVS sandbox <span class="muted-on-dark">v1.7.4</span></h1>
      <span id="live" class="live off" role="status">connecting…</span>
      <span class="spacer"></span>
      <div class="clock" role="group" aria-label="Sandbox clock">
        <span>Sandbox time</span>
        <output id="clock-now" aria-live="off">–</output>
        <button type="button" data-advance="600">+10 min</button>
        <button type="button" data-advance="3600">+1 h</button>
        <button type="button" data-advance="86400">+1 day</button>
        <button type="button" id="clock-set">Set…</button>
      </div>
      <button type="button" id="large-text" aria-pressed="false">Large text</button>
      <button type="button" id="reset">Reset…</button>
    </header>
    <nav class="views" aria-label="Views">
      <a href="#/workqueue" data-view="workqueue">Workqueue</a>
      <a href="#/requests" data-view="requests">Requests</a>
      <a href="#/clients" data-view="clients">Clients</a>
      <a href="#/locations" data-view="locations">Locations</a>
      <a href="#/scenarios" data-view="scenarios">Scenarios</a>
      <a href="#/webhooks" data-view="webhooks">Webhooks</a>
    </nav>
    <main id="main" tabindex="-1"></main>
    <div id="toast" role="status" aria-live="polite"></div>
    <dialog id="dialog" aria-labelledby="dialog-title"></dialog>
    <script>{{SCRIPT}}</script>
    </body>
    </html>
    """##
}
