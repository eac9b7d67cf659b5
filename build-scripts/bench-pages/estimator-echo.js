// The baseline: an input handler that only echoes the text into the page.
const input = document.getElementById('echo-in');
const output = document.getElementById('echo-out');
input.addEventListener('input', () => {
  output.textContent = input.value;
});
