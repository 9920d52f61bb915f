/* gklint workbench: the little script the pages need — upload, progress,
   filters, jump-to-place, accepting.  Plain JavaScript, no framework, nothing
   loaded from elsewhere; text from the server is only ever set with
   textContent, never as HTML. */
(function () {
  "use strict";

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  function messageOf(response, fallback) {
    return response.text().then(function (body) {
      try {
        var data = JSON.parse(body);
        return data.error || data.message || data.detail || fallback;
      } catch (e) {
        return body ? body.slice(0, 300) : fallback;
      }
    });
  }

  /* ---- upload page ---------------------------------------------------- */

  function readEntry(entry, prefix, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (file) { out.push({ file: file, name: prefix + file.name }); resolve(); }, function () { resolve(); });
      } else if (entry.isDirectory) {
        var reader = entry.createReader();
        var all = [];
        var next = function () {
          reader.readEntries(function (batch) {
            if (!batch.length) {
              Promise.all(all.map(function (child) { return readEntry(child, prefix + entry.name + "/", out); })).then(resolve);
              return;
            }
            all = all.concat(Array.prototype.slice.call(batch));
            next();
          }, function () { resolve(); });
        };
        next();
      } else {
        resolve();
      }
    });
  }

  function setupUpload(form) {
    var dropped = [];
    var zone = $("#dropzone", form);
    var chosen = $("#chosen", form);
    var status = $("#status", form);
    var files = $("#files", form);
    var folder = $("#folder", form);

    function picked() {
      var list = dropped.map(function (d) { return d.file; });
      list = list.concat(Array.prototype.slice.call(files.files || []), Array.prototype.slice.call(folder.files || []));
      return list;
    }
    function showChosen() {
      var n = dropped.length + (files.files ? files.files.length : 0) + (folder.files ? folder.files.length : 0);
      chosen.textContent = n ? form.dataset.selected.replace("{n}", String(n)) : "";
    }
    files.addEventListener("change", showChosen);
    folder.addEventListener("change", showChosen);

    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      var items = event.dataTransfer && event.dataTransfer.items;
      var entries = [];
      if (items && items.length && items[0].webkitGetAsEntry) {
        for (var i = 0; i < items.length; i++) {
          var entry = items[i].webkitGetAsEntry();
          if (entry) { entries.push(entry); }
        }
      }
      if (entries.length) {
        var out = [];
        Promise.all(entries.map(function (entry) { return readEntry(entry, "", out); })).then(function () {
          dropped = dropped.concat(out);
          showChosen();
        });
      } else {
        Array.prototype.slice.call(event.dataTransfer.files || []).forEach(function (file) { dropped.push({ file: file, name: file.name }); });
        showChosen();
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = $("#text", form).value;
      var count = picked().length;
      status.classList.remove("error");
      if (!count && !text.trim()) {
        status.textContent = form.dataset.nothing;
        status.classList.add("error");
        return;
      }
      var data = new FormData();
      dropped.forEach(function (d) { data.append("file", d.file, d.name); });
      Array.prototype.slice.call(files.files || []).forEach(function (file) { data.append("file", file, file.name); });
      Array.prototype.slice.call(folder.files || []).forEach(function (file) { data.append("file", file, file.webkitRelativePath || file.name); });
      if (text.trim()) { data.append("text", text); }
      Array.prototype.slice.call($("#previous", form).files || []).forEach(function (file) { data.append("previous", file, file.name); });
      data.append("profile", $("#profile", form).value);
      data.append("fail_on", $("#fail_on", form).value);
      status.textContent = form.dataset.uploading;
      var button = $("button[type=submit]", form);
      button.disabled = true;
      fetch("/api/batches", { method: "POST", body: data, credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          return messageOf(response, String(response.status)).then(function (message) { throw new Error(message); });
        }
        return response.json();
      }).then(function (answer) {
        window.location.assign("/batches/" + encodeURIComponent(answer.id));
      }).catch(function (error) {
        status.textContent = form.dataset.failed + error.message;
        status.classList.add("error");
        button.disabled = false;
      });
    });
  }

  /* ---- batch page ----------------------------------------------------- */

  function cell(text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    return td;
  }

  function setupProgress(section) {
    var batch = section.dataset.batch;
    var bar = $("#bar");
    var label = $("#progress-text");
    var body = $("#items");
    var levels = ["error", "warning", "info"];

    function draw(data) {
      bar.max = Math.max(1, data.total);
      bar.value = data.done;
      label.textContent = section.dataset.progress.replace("{done}", String(data.done)).replace("{total}", String(data.total));
      var rows = document.createDocumentFragment();
      (data.items || []).forEach(function (item) {
        var tr = document.createElement("tr");
        tr.dataset.item = item.id;
        var first = document.createElement("td");
        var link = document.createElement("a");
        link.href = "/batches/" + encodeURIComponent(batch) + "/items/" + encodeURIComponent(item.id);
        link.textContent = item.name;
        first.appendChild(link);
        tr.appendChild(first);
        if (item.error) {
          var problem = cell(item.error, "problem");
          problem.colSpan = 6;
          tr.appendChild(problem);
        } else {
          tr.appendChild(cell(item.agency || body.dataset.unknown));
          tr.appendChild(cell(item.year ? String(item.year) : "—", "n"));
          levels.forEach(function (level) {
            var n = (item.counts && item.counts[level]) || 0;
            tr.appendChild(cell(String(n), "n sev-" + level + (n ? " nonzero" : "")));
          });
          tr.appendChild(cell(String(item.accepted || 0), "n"));
        }
        rows.appendChild(tr);
      });
      body.replaceChildren(rows);
    }

    function poll() {
      fetch("/api/batches/" + encodeURIComponent(batch), { credentials: "same-origin", cache: "no-store" }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (data) {
        draw(data);
        var over = data.finished === undefined ? data.done >= data.total : data.finished;
        if (over || data.error) {
          window.location.reload();  /* the finished page has the downloads, matrix and chart */
        } else {
          window.setTimeout(poll, 800);
        }
      }).catch(function () { window.setTimeout(poll, 3000); });
    }
    if (section.dataset.finished !== "true") { window.setTimeout(poll, 400); }
  }

  function setupBaselineUpload(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var status = $(".status", form);
      var input = $("input[type=file]", form);
      if (!input.files || !input.files.length) { return; }
      var data = new FormData();
      data.append("file", input.files[0], input.files[0].name);
      fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          return messageOf(response, String(response.status)).then(function (message) { throw new Error(message); });
        }
        window.location.reload();
      }).catch(function (error) {
        status.textContent = form.dataset.failed + error.message;
        status.classList.add("error");
      });
    });
  }

  /* ---- one report ------------------------------------------------------- */

  function flash(element) {
    element.classList.remove("flash");
    void element.offsetWidth;  /* restart the animation */
    element.classList.add("flash");
    $$("mark", element).forEach(function (mark) {
      mark.classList.remove("flash");
      void mark.offsetWidth;
      mark.classList.add("flash");
    });
  }

  function setupGoto() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a.goto") : null;
      if (!link) { return; }
      var target = document.getElementById(link.dataset.target || "");
      if (!target) { return; }
      event.preventDefault();
      target.scrollIntoView({ behavior: "smooth", block: "center" });
      flash(target);
      if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#" + target.id); }
    });
  }

  function setupFilters(panel) {
    var boxes = $$(".sev-filter", panel);
    var select = $("#code-filter", panel);
    function apply() {
      var levels = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      var code = select ? select.value : "";
      $$("li.finding", panel).forEach(function (li) {
        var show = levels.indexOf(li.dataset.severity) >= 0 && (!code || li.dataset.code === code);
        li.hidden = !show;
      });
    }
    boxes.forEach(function (box) { box.addEventListener("change", apply); });
    if (select) { select.addEventListener("change", apply); }
  }

  function setupAccept(panel) {
    panel.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.classList || !form.classList.contains("accept")) { return; }
      event.preventDefault();
      var status = $(".status", form);
      var reason = $("input[name=reason]", form).value.trim();
      if (!reason) {
        status.textContent = panel.dataset.needReason;
        status.classList.add("error");
        return;
      }
      var body = JSON.stringify({ item: panel.dataset.item, fingerprint: form.dataset.fingerprint, reason: reason });
      fetch("/api/batches/" + encodeURIComponent(panel.dataset.batch) + "/accept", {
        method: "POST", body: body, credentials: "same-origin", headers: { "Content-Type": "application/json" }
      }).then(function (response) {
        if (!response.ok) {
          return messageOf(response, String(response.status)).then(function (message) { throw new Error(message); });
        }
        var li = form.closest("li.finding");
        var note = document.createElement("p");
        note.className = "accepted-note";
        note.textContent = "✓ " + panel.dataset.accepted + "：" + reason;
        li.classList.add("accepted");
        form.replaceWith(note);
      }).catch(function (error) {
        status.textContent = panel.dataset.failed + error.message;
        status.classList.add("error");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var upload = $("#upload");
    if (upload) { setupUpload(upload); }
    var progress = $("#progress");
    if (progress) { setupProgress(progress); }
    var baseline = $("#baseline-upload");
    if (baseline) { setupBaselineUpload(baseline); }
    var panel = $("#findings");
    if (panel) { setupFilters(panel); setupAccept(panel); }
    setupGoto();
  });
})();
