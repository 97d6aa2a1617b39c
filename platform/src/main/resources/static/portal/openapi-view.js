// Shows the OpenAPI document named by #openapi-view's data-url with Swagger UI, read only:
// calls go through the LGSP gateway with a token, which the Postman collection handles.
(function () {
  var view = document.getElementById('openapi-view');
  if (!view || typeof SwaggerUIBundle !== 'function') {
    return;
  }
  SwaggerUIBundle({
    url: view.getAttribute('data-url'),
    domNode: view,
    deepLinking: false,
    supportedSubmitMethods: [],
    validatorUrl: null,
    defaultModelsExpandDepth: 0
  });
})();
