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

// The settlement panel: a slider's figure is shown as it moves, the answer it leaves to the
// other side of the question with it, and the estimates are posted (one request at a time: a
// move made while one is on its way is sent when it returns, so the last position always wins).
(function () {
  "use strict";
  var form = document.getElementById("settle-form");
  if (!form) { return; }
  var busy = false, again = false, sent = 0;

  function shown(slider) {
    var out = document.getElementById(slider.id.replace(/-input$/, "-shown"));
    if (out) { out.textContent = slider.value + "%"; }
    var group = slider.getAttribute("data-group");
    var rest = document.getElementById(group + "-rest");
    if (!rest) { return; }
    var taken = 0;
    form.querySelectorAll('input[data-group="' + group + '"]').forEach(function (s) {
      taken += Number(s.value);
    });
    rest.textContent = String(Math.max(0, 100 - taken));
  }

  function run() {
    if (busy) { again = true; return; }
    busy = true;
    var body = new URLSearchParams(new FormData(form));
    body.set("action", "run");
    body.set("partial", "1");
    var ticket = ++sent;
    fetch(form.getAttribute("action"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var fresh = page.getElementById("settle-result");
        var here = document.getElementById("settle-result");
        if (fresh && here) {
          here.replaceWith(fresh);
        } else if (here) {
          var refused = page.querySelector(".refused");
          here.textContent = refused ? refused.textContent : "The workbench did not answer.";
        }
        var marks = {};
        page.querySelectorAll("#marks li").forEach(function (mark) {
          marks[mark.getAttribute("data-name")] = mark.textContent;
        });
        form.querySelectorAll("input, select").forEach(function (input) {
          var box = input.closest(".field");
          if (!box || !input.name) { return; }
          var message = marks[input.name] || "";
          box.classList.toggle("invalid", message !== "");
          var error = box.querySelector(".error");
          if (error) { error.textContent = message; }
        });
      })
      .finally(function () {
        busy = false;
        if (again) { again = false; run(); return; }
        document.body.setAttribute("data-ran", String(ticket));
      });
  }

  form.addEventListener("input", function (event) {
    if (event.target.type !== "range") { return; }
    shown(event.target);
    run();
  });
  form.addEventListener("change", function (event) {
    if (event.target.type === "range") { return; }   // sent on input already
    run();
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "INPUT") {
      event.preventDefault();
      event.target.blur();
    }
  });
})();
