/* Lesson blocks, progressive enhancement: without JavaScript the <details> elements still work. */
(function () {
  "use strict";
  document.querySelectorAll("[data-knowledge-check]").forEach(function (form) {
    var status = form.querySelector(".kc-status");
    // A knowledge check is answered in place; it never posts (no inline handler: the CSP forbids them).
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target.type !== "radio") return;
      form.querySelectorAll(".kc-choice").forEach(function (choice) {
        var chosen = choice.contains(event.target);
        choice.querySelector(".kc-feedback").hidden = !chosen;
        if (chosen) {
          var correct = choice.dataset.correct === "1";
          choice.classList.toggle("kc-right", correct);
          choice.classList.toggle("kc-wrong", !correct);
          status.textContent = choice.querySelector(".kc-feedback").textContent.trim();
        } else {
          choice.classList.remove("kc-right", "kc-wrong");
        }
      });
    });
  });
  document.querySelectorAll("[data-case]").forEach(function (caseBlock) {
    var answer = caseBlock.querySelector("[data-case-answer]");
    var model = caseBlock.querySelector("[data-case-model]");
    var hint = caseBlock.querySelector(".case-hint");
    model.querySelector("summary").addEventListener("click", function (event) {
      if (!model.open && answer.value.trim() === "") {
        event.preventDefault();
        hint.textContent = caseBlock.dataset.hint || "";
        answer.focus();
      }
    });
  });
})();
