// Work page (and any form with data-upload-limits): refuse files over the size limit, more files than allowed,
// or a batch too large to send, before anything is uploaded. The server checks all of this again; this only saves
// the writer a long upload that would be refused. Messages come localised in the form's data attributes
// ("{0}" in data-too-large is the file's name). No inline script: the CSP forbids it.
(function () {
    'use strict';

    document.querySelectorAll('form[data-upload-limits]').forEach(function (form) {
        var maxBytes = Number(form.dataset.maxBytes);
        var maxFiles = Number(form.dataset.maxFiles);
        var totalBytes = Number(form.dataset.totalBytes);
        var message = form.querySelector('#upload-limits-message');
        var inputs = form.querySelectorAll('input[type=file]');

        function problems() {
            var found = [];
            var count = 0;
            var sum = 0;
            inputs.forEach(function (input) {
                Array.prototype.forEach.call(input.files || [], function (file) {
                    count += 1;
                    sum += file.size;
                    if (file.size > maxBytes) {
                        found.push(form.dataset.tooLarge.replace('{0}', file.name));
                    }
                });
            });

            // Files already attached and not ticked "remove" count too.
            form.querySelectorAll('input[name="Input.RemoveFileIds"]').forEach(function (box) {
                if (!box.checked) {
                    count += 1;
                }
            });

            if (count > maxFiles) {
                found.push(form.dataset.tooMany);
            }

            if (found.length === 0 && sum > totalBytes) {
                found.push(form.dataset.totalTooLarge);
            }

            return found;
        }

        function show(found) {
            if (!message) {
                return;
            }

            message.textContent = '';
            found.forEach(function (text) {
                var line = document.createElement('div');
                line.textContent = text;
                message.appendChild(line);
            });
            message.classList.toggle('d-none', found.length === 0);
        }

        inputs.forEach(function (input) {
            input.addEventListener('change', function () { show(problems()); });
        });
        form.querySelectorAll('input[name="Input.RemoveFileIds"]').forEach(function (box) {
            box.addEventListener('change', function () { show(problems()); });
        });

        form.addEventListener('submit', function (event) {
            var found = problems();
            show(found);
            if (found.length > 0) {
                event.preventDefault();
                if (message) {
                    message.focus();
                }
            }
        });
    });
}());
