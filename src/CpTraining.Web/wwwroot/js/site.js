// Language switcher: submit on change (the button stays for keyboard and no-script use).
document.querySelectorAll('select[data-autosubmit="true"]').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
});
// Print buttons (no inline script: the CSP forbids it).
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
