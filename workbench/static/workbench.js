// The what-if re-runs at once: a change in the form posts it (with the page's token) and the
// outcome, the marks beside the fields and the highlights are taken from the answer. Without
// this script the "Re-run" button does the same with a whole page.
(function () {
  "use strict";
  var form = document.getElementById("whatif-form");
  if (!form) { return; }
  var sent = 0;

  function run() {
    var body = new URLSearchParams(new FormData(form));
    body.set("action", "run");
    body.set("partial", "1");
    body.delete("name");
    var ticket = ++sent;
    // getAttribute: the form's buttons are named "action", which shadows form.action
    fetch(form.getAttribute("action"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        if (ticket !== sent) { return; }          // a later change is on its way
        var page = new DOMParser().parseFromString(text, "text/html");
        var fresh = page.getElementById("result");
        var here = document.getElementById("result");
        if (fresh && here) {
          here.replaceWith(fresh);
        } else if (here) {                          // refused (a stale token): say so
          var refused = page.querySelector(".refused");
          here.textContent = refused ? refused.textContent : "The workbench did not answer.";
          document.body.setAttribute("data-ran", String(ticket));
          return;
        }
        var marks = {};
        page.querySelectorAll("#marks li").forEach(function (mark) {
          marks[mark.getAttribute("data-field")] = mark;
        });
        form.querySelectorAll(".field").forEach(function (field) {
          var mark = marks[field.id];
          field.className = mark ? mark.getAttribute("data-class") : "field";
          var error = document.getElementById(field.id + "-error");
          if (error) { error.textContent = mark ? mark.textContent : ""; }
        });
        document.body.setAttribute("data-ran", String(ticket));
      });
  }

  // A change event comes once per committed change (a choice made, a text field left), so each
  // runs at once; an answer overtaken by a later change is dropped (the ticket).
  form.addEventListener("change", function (event) {
    if (event.target.name === "name") { return; }
    run();
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.name !== "name" && event.target.tagName === "INPUT") {
      event.preventDefault();
      event.target.blur();                        // a text field's change fires on blur
    }
  });
})();
