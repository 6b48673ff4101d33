// Keys go to the consultation at once, without a click first (a click lands in the app and can
// move its focus away from the answer line): focus the terminal once textual.js has built it.
window.addEventListener("load", () => {
  const focus = () => {
    const input = document.querySelector(".xterm-helper-textarea");
    if (input) {
      input.focus();
    } else {
      requestAnimationFrame(focus);
    }
  };
  focus();
});
